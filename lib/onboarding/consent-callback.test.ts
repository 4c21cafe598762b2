// The consent callback against a real database and the emulator's Entra ID and Graph: every
// decision is made from what Microsoft (the emulator) proves, never from the callback's words.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/server.ts";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { createCustomer } from "@/lib/data/customers";
import type { db } from "@/lib/db";
import type { createWorkspaceUser } from "@/lib/testing/fixtures";
import type { handleConsentCallback } from "./consent-callback";
import type { beginConsent } from "./consent-start";
import type { issueInvite } from "./invites";

const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
const FABRIKAM = "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7";
const TAILSPIN = "8d1854fa-d39e-4356-9c60-71d7910a534d";

let emulator: Awaited<ReturnType<typeof startEmulator>>;
// Imported after the environment points at the emulator: lib/env reads it once.
let app: {
  db: typeof db;
  createCustomer: typeof createCustomer;
  issueInvite: typeof issueInvite;
  beginConsent: typeof beginConsent;
  handleConsentCallback: typeof handleConsentCallback;
  createWorkspaceUser: typeof createWorkspaceUser;
};

beforeAll(async () => {
  emulator = await startEmulator({ seed: "emulator/seed/demo.json", port: 0, quiet: true });
  Object.assign(process.env, {
    AUTH_URL: "http://localhost:3100",
    AUTH_SECRET: "integration-test-secret-that-is-long-enough",
    ENTRA_AUTHORITY_HOST: emulator.url,
    GRAPH_BASE_URL: emulator.url,
    ENTRA_CLIENT_ID: APP_ID,
    ENTRA_CLIENT_SECRET: "gatehouse-demo-client-secret",
  });
  app = {
    db: (await import("@/lib/db")).db,
    createCustomer: (await import("@/lib/data/customers")).createCustomer,
    issueInvite: (await import("./invites")).issueInvite,
    beginConsent: (await import("./consent-start")).beginConsent,
    handleConsentCallback: (await import("./consent-callback")).handleConsentCallback,
    createWorkspaceUser: (await import("@/lib/testing/fixtures")).createWorkspaceUser,
  };
});

afterAll(async () => {
  await emulator?.close();
});

/** A customer with a consent link, and the state the portal sends to Microsoft for it. */
async function startedConsent(admin: CurrentUser, domain: string) {
  const customer = await app.db.$transaction((tx) => app.createCustomer(admin, { displayName: domain, primaryDomain: domain }, tx));
  const invite = await app.db.$transaction((tx) => app.issueInvite(admin, customer.id, tx));
  const start = await app.beginConsent(invite.link.split("/consent/")[1]!);
  if (!start.ok) throw new Error(`consent did not start: ${start.reason}`);
  const url = new URL(start.url);
  expect(url.pathname).toBe(`/${domain}/v2.0/adminconsent`);
  return { customerId: customer.id, state: url.searchParams.get("state")! };
}

const customerRow = (id: string) =>
  app.db.customer.findUniqueOrThrow({ where: { id }, select: { status: true, tenantId: true, grantedRoles: true } });

describe("consent callback", () => {
  it("records the tenant only after Microsoft proves the consent", async () => {
    const admin = await app.createWorkspaceUser();
    const { customerId, state } = await startedConsent(admin, "contoso.com");

    // Microsoft has not recorded consent yet: a callback claiming success proves nothing.
    const early = await app.handleConsentCallback({ state, tenant: CONTOSO, scope: "x" });
    expect(early.outcome).toBe("not-granted");
    expect(await customerRow(customerId)).toMatchObject({ status: "invited", tenantId: null });

    emulator.world.grantConsent(CONTOSO, APP_ID);
    const again = await startedConsent(admin, "contoso.onmicrosoft.com");
    const granted = await app.handleConsentCallback({ state: again.state, tenant: CONTOSO });
    expect(granted.outcome).toBe("granted");
    const row = await customerRow(again.customerId);
    expect(row).toMatchObject({ status: "consented", tenantId: CONTOSO });
    expect(row.grantedRoles).toContain("EntitlementManagement.ReadWrite.All");
  });

  it("refuses a tenant that does not own the customer's domain", async () => {
    emulator.world.grantConsent(FABRIKAM, APP_ID);
    const admin = await app.createWorkspaceUser();
    const { customerId, state } = await startedConsent(admin, "tailspintoys.com");
    const result = await app.handleConsentCallback({ state, tenant: FABRIKAM });
    expect(result.outcome).toBe("domain-not-verified");
    expect(await customerRow(customerId)).toMatchObject({ status: "invited", tenantId: null });
  });

  it("refuses a re-consent from another tenant than the one recorded", async () => {
    emulator.world.grantConsent(FABRIKAM, APP_ID);
    const admin = await app.createWorkspaceUser();
    const { customerId, state } = await startedConsent(admin, "fabrikam.com");
    const recorded = randomUUID();
    await app.db.customer.update({ where: { id: customerId }, data: { tenantId: recorded, status: "active" } });
    const result = await app.handleConsentCallback({ state, tenant: FABRIKAM });
    expect(result.outcome).toBe("tenant-mismatch");
    expect(await customerRow(customerId)).toMatchObject({ status: "active", tenantId: recorded });
  });

  it("refuses a missing or malformed tenant, and a state used twice", async () => {
    const admin = await app.createWorkspaceUser();
    const { customerId, state } = await startedConsent(admin, "fabrikam.onmicrosoft.com");
    expect((await app.handleConsentCallback({ state, tenant: "fabrikam.com" })).outcome).toBe("microsoft-error");
    expect((await app.handleConsentCallback({ state, tenant: FABRIKAM })).outcome).toBe("state-replayed");
    expect(await customerRow(customerId)).toMatchObject({ status: "invited", tenantId: null });
  });

  it("writes each refusal to the customer's audit trail and nothing else", async () => {
    const admin = await app.createWorkspaceUser();
    const { customerId, state } = await startedConsent(admin, "tailspintoys.onmicrosoft.com");
    await app.handleConsentCallback({ state, error: "access_denied", errorDescription: "AADSTS65004: User declined to consent." });
    const events = await app.db.auditEvent.findMany({
      where: { target: `customer:${customerId}` },
      orderBy: { at: "asc" },
      select: { action: true, details: true },
    });
    expect(events.map((e) => e.action)).toEqual(["customer.created", "invite.issued", "consent.started", "consent.refused"]);
    expect(events[3]?.details).toMatchObject({ reason: "denied", errorDescription: "AADSTS65004: User declined to consent." });
    const invites = await app.db.consentInvite.findMany({ where: { customerId }, select: { usedAt: true, stateNonce: true } });
    expect(invites).toEqual([{ usedAt: null, stateNonce: null }]);
  });

  it("does not let a replayed state carry an error over a recorded consent", async () => {
    emulator.world.grantConsent(TAILSPIN, APP_ID);
    const admin = await app.createWorkspaceUser();
    const { customerId, state } = await startedConsent(admin, "tailspintoys.com");
    expect((await app.handleConsentCallback({ state, tenant: TAILSPIN })).outcome).toBe("granted");
    const replay = await app.handleConsentCallback({ state, error: "access_denied", errorDescription: "Call +1 555 0100 now" });
    expect(replay.outcome).toBe("state-replayed");
    const last = await app.db.auditEvent.findFirstOrThrow({ where: { target: `customer:${customerId}` }, orderBy: { at: "desc" } });
    expect(last.details).toMatchObject({ reason: "state-replayed", claimedErrorDescription: "Call +1 555 0100 now" });
    expect(last.details).not.toHaveProperty("errorDescription");
    expect(await customerRow(customerId)).toMatchObject({ status: "consented", tenantId: TAILSPIN });
  });

  it("refuses a tenant that another workspace of the deployment already onboarded", async () => {
    // Contoso was onboarded by the first test's workspace.
    expect(await app.db.customer.count({ where: { tenantId: CONTOSO } })).toBe(1);
    const intruder = await app.createWorkspaceUser();
    const { customerId, state } = await startedConsent(intruder, "contoso.com");
    expect((await app.handleConsentCallback({ state, tenant: CONTOSO })).outcome).toBe("tenant-in-another-workspace");
    expect(await customerRow(customerId)).toMatchObject({ status: "invited", tenantId: null });
  });

  it("answers a forged state without touching any workspace", async () => {
    const before = await app.db.auditEvent.count({ where: { workspaceId: { not: null } } });
    const result = await app.handleConsentCallback({ state: "eyJpIjoieCJ9.c2lnbmF0dXJl", tenant: CONTOSO });
    expect(result).toEqual({ outcome: "invalid-state", inviteId: undefined, microsoftMessage: undefined });
    expect(await app.db.auditEvent.count({ where: { workspaceId: { not: null } } })).toBe(before);
  });
});
