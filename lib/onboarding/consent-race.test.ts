// The database, not a read before the write, keeps one tenant to one customer: two workspaces'
// callbacks for one tenant are fired at the same moment, round after round, through the whole
// flow against the emulator. An MSSP's own tenant is refused even when its real admin consents.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/server.ts";
import type { Seed } from "../../emulator/store/seed.ts";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { createCustomer } from "@/lib/data/customers";
import type { db } from "@/lib/db";
import type { createWorkspaceUser } from "@/lib/testing/fixtures";
import { callbackParams, consentAsAdmin, type ConsentHandlers } from "@/lib/testing/consent-flow";
import type { issueInvite } from "./invites";

const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const ROUNDS = 12;
// Tenants of this file only: tenant ids are unique across the whole test database.
const tenants = Array.from({ length: ROUNDS + 1 }, (_, n) => ({ id: randomUUID(), domain: `race-${n}-${randomUUID().slice(0, 6)}.example` }));

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let app: ConsentHandlers & { db: typeof db; createCustomer: typeof createCustomer; issueInvite: typeof issueInvite; createWorkspaceUser: typeof createWorkspaceUser };

beforeAll(async () => {
  const seed = JSON.parse(readFileSync("emulator/seed/demo.json", "utf8")) as Seed;
  seed.tenants.push(
    ...tenants.map((t, n) => ({
      id: t.id,
      displayName: `Race ${n}`,
      domains: [t.domain],
      licenses: [],
      defenderUnifiedRbac: true,
      users: [{ id: randomUUID(), userPrincipalName: `admin@${t.domain}`, displayName: `Race ${n} Admin`, password: "Gatehouse-demo-1", directoryRoles: ["Privileged Role Administrator"], appRoles: [], accountEnabled: true }],
    })),
  );
  emulator = await startEmulator({ seed, port: 0, quiet: true });
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
    handleAdminSignIn: (await import("./consent-sign-in")).handleAdminSignIn,
    handleConsentCallback: (await import("./consent-callback")).handleConsentCallback,
    createWorkspaceUser: (await import("@/lib/testing/fixtures")).createWorkspaceUser,
  };
});

afterAll(async () => {
  await emulator?.close();
});

async function invited(mssp: CurrentUser, tenant: { id: string; domain: string }) {
  const customer = await app.db.$transaction((tx) => app.createCustomer(mssp, { displayName: tenant.domain, primaryDomain: tenant.domain }, tx));
  await app.db.customer.update({ where: { id: customer.id }, data: { resolvedTenantId: tenant.id } });
  const invite = await app.db.$transaction((tx) => app.issueInvite(mssp, customer.id, tx));
  return { customerId: customer.id, inviteId: invite.inviteId, token: invite.link.split("/consent/")[1]! };
}

describe("one tenant, one customer, decided by the database", () => {
  it(`lets exactly one of two workspaces record a tenant when both callbacks land at once (${ROUNDS} rounds)`, async () => {
    for (const tenant of tenants.slice(0, ROUNDS)) {
      const [a, b] = await Promise.all([app.createWorkspaceUser("admin", "MSSP A"), app.createWorkspaceUser("admin", "MSSP B")]);
      const [ia, ib] = await Promise.all([invited(a, tenant), invited(b, tenant)]);
      // Both admins' flows reach Microsoft's callback before either is recorded.
      const fa = await consentAsAdmin(app, ia.token, `admin@${tenant.domain}`);
      const fb = await consentAsAdmin(app, ib.token, `admin@${tenant.domain}`);
      const outcomes = (await Promise.all([app.handleConsentCallback(callbackParams(fa.callback)), app.handleConsentCallback(callbackParams(fb.callback))])).map((r) => r.outcome);
      expect(outcomes.toSorted()).toEqual(["granted", "tenant-in-another-workspace"]);

      const holders = await app.db.customer.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
      expect(holders).toHaveLength(1);
      const loser = outcomes[0] === "granted" ? ib : ia;
      expect(await app.db.customer.findUniqueOrThrow({ where: { id: loser.customerId }, select: { status: true, tenantId: true, consentGrantedByUpn: true } })).toEqual({
        status: "invited",
        tenantId: null,
        consentGrantedByUpn: null,
      });
      expect((await app.db.consentInvite.findUniqueOrThrow({ where: { id: loser.inviteId }, select: { usedAt: true } })).usedAt).toBeNull();
    }
  });

  it("refuses a workspace's own MSSP tenant as a customer, even when its real admin consents", async () => {
    const tenant = tenants[ROUNDS]!;
    const owner = await app.createWorkspaceUser("admin", "MSSP that owns the tenant");
    await app.db.workspace.update({ where: { id: owner.workspace.id }, data: { tenantId: tenant.id } });
    const other = await app.createWorkspaceUser("admin", "Another MSSP");
    const { customerId, token } = await invited(other, tenant);
    const { callback } = await consentAsAdmin(app, token, `admin@${tenant.domain}`);
    expect(await app.handleConsentCallback(callbackParams(callback))).toMatchObject({ outcome: "mssp-tenant" });
    expect(await app.db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { tenantId: true } })).toEqual({ tenantId: null });
  });
});
