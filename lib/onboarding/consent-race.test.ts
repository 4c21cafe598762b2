// The database, not a read before the write, keeps one tenant to one customer: two workspaces'
// callbacks for one tenant are fired at the same moment, round after round, through the whole
// flow against the emulator. An MSSP's own tenant is refused even when its real admin consents.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/server.ts";
import type { Seed } from "../../emulator/store/seed.ts";
import type { CurrentUser } from "@/lib/auth/current-user";
import { invitedCustomer, startConsentApp, type ConsentApp } from "@/lib/testing/consent-app";
import { callbackParams, consentAsAdmin } from "@/lib/testing/consent-flow";

const ROUNDS = 12;
// Tenants of this file only: tenant ids are unique across the whole test database.
const tenants = Array.from({ length: ROUNDS + 1 }, (_, n) => ({ id: randomUUID(), domain: `race-${n}-${randomUUID().slice(0, 6)}.example` }));

let emulator: RunningEmulator;
let app: ConsentApp;

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
  ({ emulator, app } = await startConsentApp(seed));
});

afterAll(async () => {
  await emulator?.close();
});

const invited = (mssp: CurrentUser, tenant: { id: string; domain: string }) => invitedCustomer(app, mssp, tenant.domain, tenant.id);

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
