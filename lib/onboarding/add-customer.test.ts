// Adding a customer resolves its domain at Microsoft (the emulator) as the MSSP's app, in the
// MSSP's own tenant, and refuses what must never become a customer. The emulator runs its own
// world with tenants no other test file uses, so the deployment-wide rules cannot collide.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/server.ts";
import type { SeedInput as Seed } from "../../emulator/store/seed.ts";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { AppError, InvalidInputError } from "@/lib/errors";
import type { GraphAccessConfig } from "@/lib/graph/config";
import { addUser } from "@/lib/testing/fixtures";
import { addCustomer } from "./add-customer";
import { lookupFailureMessage, resolveCustomerTenant } from "./resolve-tenant";
import { GraphError, TokenError } from "@/lib/graph/errors";

const tag = randomUUID().slice(0, 8);
const MSSP_A = randomUUID();
const MSSP_B = randomUUID();
const NO_CONSENT = randomUUID();
const APP = randomUUID();
const NARROW_APP = randomUUID();
const SECRET = "add-customer-test-secret";
const RACES = 5;

const tenant = (id: string, label: string) => ({ id, displayName: `${label} ${tag}`, domains: [`${label}-${tag}.onmicrosoft.com`, `${label}-${tag}.example`] });
const CUSTOMERS = {
  alpha: { id: randomUUID(), label: "alpha" },
  bravo: { id: randomUUID(), label: "bravo" },
  charlie: { id: randomUUID(), label: "charlie" },
  delta: { id: randomUUID(), label: "delta" },
};
const RACE_TENANTS = Array.from({ length: RACES }, (_, i) => ({ id: randomUUID(), label: `race${i}` }));
const domainOf = (label: string) => `${label}-${tag}.example`;

const seed: Seed = {
  tenants: [
    tenant(MSSP_A, "mssp-a"),
    tenant(MSSP_B, "mssp-b"),
    tenant(NO_CONSENT, "mssp-c"),
    ...[...Object.values(CUSTOMERS), ...RACE_TENANTS].map((t) => tenant(t.id, t.label)),
  ].map((t) => ({ ...t, licenses: [], users: [] })),
  applications: [
    { appId: APP, displayName: "Gatehouse", homeTenantId: MSSP_A, secret: SECRET, redirectUris: [], requiredAppPermissions: ["CrossTenantInformation.ReadBasic.All", "Organization.Read.All"], appRoles: [] },
    { appId: NARROW_APP, displayName: "Narrow", homeTenantId: MSSP_A, secret: SECRET, redirectUris: [], requiredAppPermissions: ["Group.ReadWrite.All"], appRoles: [] },
  ],
  consents: [
    { tenantId: MSSP_A, appId: APP },
    { tenantId: MSSP_B, appId: APP },
    { tenantId: MSSP_A, appId: NARROW_APP },
  ],
};

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let config: GraphAccessConfig;
let alice: CurrentUser;
let bob: CurrentUser;

async function workspaceAdmin(tenantId: string, name: string): Promise<CurrentUser> {
  const workspace = await db.workspace.create({
    data: { name, tenantId, primaryDomain: `${name.toLowerCase().replace(/\W+/g, "-")}-${tag}.example` },
    select: { id: true, name: true, tenantId: true, primaryDomain: true },
  });
  return addUser(workspace, "admin");
}

const deps = (overrides: Partial<GraphAccessConfig> = {}) => ({
  resolveTenant: (workspaceTenantId: string, domain: string) => resolveCustomerTenant(workspaceTenantId, domain, { ...config, ...overrides }),
});
const add = (user: CurrentUser, domain: string, displayName = domain, overrides: Partial<GraphAccessConfig> = {}) =>
  addCustomer(user, { displayName, primaryDomain: domain }, deps(overrides));
const countByDomain = (domain: string) => db.customer.count({ where: { primaryDomain: domain } });

/** The field error the form shows under "Primary domain". */
async function domainRefusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).fieldErrors.primaryDomain?.[0] ?? "";
}

beforeAll(async () => {
  emulator = await startEmulator({ seed, port: 0, quiet: true });
  config = { authorityHost: emulator.url, graphBaseUrl: emulator.url, clientId: APP, clientSecret: SECRET };
  alice = await workspaceAdmin(MSSP_A, "Alpha Security");
  bob = await workspaceAdmin(MSSP_B, "Bravo Security");
});

afterAll(async () => {
  await emulator?.close();
});

describe("adding a customer resolves its domain to a tenant", () => {
  it("keeps the tenant the domain resolved to, and says so in the audit trail", async () => {
    const added = await add(alice, domainOf("alpha"), "Alpha Corp");
    expect(added.tenant).toMatchObject({ tenantId: CUSTOMERS.alpha.id, displayName: `alpha ${tag}` });
    const row = await db.customer.findUniqueOrThrow({ where: { id: added.customerId }, select: { resolvedTenantId: true, tenantId: true, status: true } });
    expect(row).toEqual({ resolvedTenantId: CUSTOMERS.alpha.id, tenantId: null, status: "invited" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { target: `customer:${added.customerId}`, action: "customer.created" } });
    expect(event.details).toMatchObject({ resolvedTenantId: CUSTOMERS.alpha.id });
  });

  it("refuses a domain that is no Microsoft tenant, and saves nothing", async () => {
    const domain = `nowhere-${tag}.example`;
    expect(await domainRefusal(add(alice, domain))).toBe(
      `No Microsoft Entra tenant has verified ${domain}. Check the spelling, or ask the customer for a domain verified in their tenant (their .onmicrosoft.com domain always is).`,
    );
    expect(await countByDomain(domain)).toBe(0);
  });

  it("refuses the MSSP's own domains", async () => {
    for (const domain of [domainOf("mssp-a"), `mssp-a-${tag}.onmicrosoft.com`]) {
      expect(await domainRefusal(add(alice, domain))).toBe(`${domain} belongs to your own MSSP tenant. A customer is another organization's Microsoft tenant.`);
      expect(await countByDomain(domain)).toBe(0);
    }
  });

  it("refuses another domain of a tenant that is already a customer, naming that customer", async () => {
    const first = await add(alice, domainOf("bravo"), "Bravo Ltd");
    const twin = `bravo-${tag}.onmicrosoft.com`;
    expect(await domainRefusal(add(alice, twin, "Bravo again"))).toBe(
      `${twin} belongs to the same Microsoft tenant as Bravo Ltd (${domainOf("bravo")}), which is already your customer.`,
    );
    expect(await countByDomain(twin)).toBe(0);
    expect(await db.customer.count({ where: { resolvedTenantId: CUSTOMERS.bravo.id } })).toBe(1);
    expect((await db.customer.findUniqueOrThrow({ where: { id: first.customerId } })).displayName).toBe("Bravo Ltd");
  });

  it("refuses a tenant another workspace added or onboarded, without naming that customer", async () => {
    await add(bob, domainOf("charlie"), "Secret Charlie Client");
    const refusal = await domainRefusal(add(alice, `charlie-${tag}.onmicrosoft.com`));
    expect(refusal).toBe(`The Microsoft tenant of charlie-${tag}.onmicrosoft.com is already managed by another MSSP in this Gatehouse. A tenant can be the customer of one MSSP only.`);
    expect(refusal).not.toContain("Secret Charlie Client");

    // A consented customer whose row predates resolution (tenantId only) counts too.
    await db.customer.create({
      data: { workspaceId: bob.workspace.id, displayName: "Delta of B", primaryDomain: `legacy-${tag}.example`, tenantId: CUSTOMERS.delta.id, status: "consented", consentedAt: new Date() },
    });
    expect(await domainRefusal(add(alice, domainOf("delta")))).toContain("already managed by another MSSP");
  });

  it("refuses another workspace's own MSSP tenant", async () => {
    expect(await domainRefusal(add(alice, domainOf("mssp-b")))).toContain("already managed by another MSSP");
    expect(await countByDomain(domainOf("mssp-b"))).toBe(0);
  });

  it("lets one of two workspaces adding one tenant at the same moment win, every time", async () => {
    for (const race of RACE_TENANTS) {
      const results = await Promise.allSettled([add(alice, domainOf(race.label)), add(bob, `${race.label}-${tag}.onmicrosoft.com`)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.reason).toBeInstanceOf(InvalidInputError);
      expect(await db.customer.count({ where: { resolvedTenantId: race.id } })).toBe(1);
    }
  });
});

describe("when the domain cannot be checked", () => {
  it("refuses with a clear message and saves nothing while Graph throttles", async () => {
    emulator.graph.faults.configure([{ pathPattern: "/v1.0/tenantRelationships/**", rate429: 1, retryAfterSeconds: 0 }]);
    try {
      const error = await add(alice, `throttled-${tag}.example`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toBe("Microsoft Graph is throttling requests, so the domain could not be checked. Nothing was saved. Try again in a minute.");
    } finally {
      emulator.graph.faults.clear();
    }
    expect(await countByDomain(`throttled-${tag}.example`)).toBe(0);
  });

  it("refuses while Graph answers 503", async () => {
    emulator.graph.faults.configure([{ pathPattern: "/v1.0/tenantRelationships/**", rate503: 1, retryAfterSeconds: 0 }]);
    try {
      await expect(add(alice, `unavailable-${tag}.example`)).rejects.toThrow("Microsoft Graph could not be reached to check the domain. Nothing was saved.");
    } finally {
      emulator.graph.faults.clear();
    }
    expect(await countByDomain(`unavailable-${tag}.example`)).toBe(0);
  });

  it("refuses when Graph is unreachable", async () => {
    const closed = "https://127.0.0.1:9";
    await expect(add(alice, `offline-${tag}.example`, "Offline", { graphBaseUrl: closed })).rejects.toThrow("Microsoft Graph could not be reached");
    await expect(add(alice, `offline-${tag}.example`, "Offline", { authorityHost: closed })).rejects.toThrow("Microsoft sign-in could not be reached");
    expect(await countByDomain(`offline-${tag}.example`)).toBe(0);
  });

  it("names the missing permission, and the missing consent in the MSSP's own tenant", async () => {
    await expect(add(alice, domainOf("alpha"), "Narrow", { clientId: NARROW_APP })).rejects.toThrow(/lacks the CrossTenantInformation\.ReadBasic\.All permission/);
    const carol = await workspaceAdmin(NO_CONSENT, "Carol Security");
    await expect(add(carol, domainOf("alpha"))).rejects.toThrow(/could not get a token for its app in your own tenant \(AADSTS7000229\)/);
  });

  it("says Gatehouse is not connected when no app registration is configured", async () => {
    await expect(resolveCustomerTenant(MSSP_A, domainOf("alpha"), null)).rejects.toThrow(/ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET are not set/);
  });
});

describe("lookupFailureMessage", () => {
  it.each([
    [new GraphError("x", { status: 429, code: "TooManyRequests" }), /throttling/],
    [new GraphError("x", { status: 503, code: "serviceNotAvailable" }), /could not be reached/],
    [new GraphError("x", { status: 0, code: "networkError" }), /could not be reached/],
    [new GraphError("x", { status: 403, code: "Authorization_RequestDenied" }), /CrossTenantInformation\.ReadBasic\.All/],
    [new TokenError("x", { code: "network_error", tenantId: MSSP_A, retryable: true }), /sign-in could not be reached/],
    [new TokenError("x", { code: "AADSTS7000215", tenantId: MSSP_A, retryable: false }), /\(AADSTS7000215\)/],
    [new Error("boom"), /could not be reached/],
  ])("explains %s", (error, expected) => {
    expect(lookupFailureMessage(error)).toMatch(expected);
  });
});
