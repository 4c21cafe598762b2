// A blueprint change rolled out to 20 emulator tenants with bounded concurrency: one tenant
// withdrew consent and fails, the other 19 change, the summary names the failing one; a paused
// rollout leaves the rest pending and resuming finishes them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as DbModule from "@/lib/db";
import type * as Index from "./index";
import type * as Rollout from "./rollout";
import { startEngineHarness, type EngineHarness } from "./testing/harness";

type Loose = Record<string, unknown> & { value?: Loose[] };
const EM = "/v1.0/identityGovernance/entitlementManagement";
const TENANTS = 20;

let h: EngineHarness;
let engine: typeof Index;
let rollout: typeof Rollout;
let db: typeof DbModule.db;
let workspaceId: string;
const customers: { id: string; tenantId: string }[] = [];
const deps = () => ({ graphAccess: h.graphAccess, replicationWindowMs: 0 });

beforeAll(async () => {
  h = await startEngineHarness(TENANTS);
  engine = await import("./index");
  rollout = await import("./rollout");
  db = (await import("@/lib/db")).db;
  workspaceId = (await db.workspace.create({ data: { name: h.mssp.displayName, tenantId: h.mssp.id, primaryDomain: h.mssp.domain }, select: { id: true } })).id;
  for (const [i, tenant] of h.tenants.entries()) {
    const { id } = await db.customer.create({
      data: { workspaceId, displayName: `Customer ${String(i).padStart(2, "0")}`, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId, consentGrantedByName: "Customer Admin" },
      select: { id: true },
    });
    customers.push({ id, tenantId: tenant.id });
  }
  await Promise.all(customers.map(async (c) => expect(await engine.executeRun(await engine.createRun({ workspaceId, customerId: c.id, trigger: "manual" }), { deps: deps() })).toBe("succeeded")));
}, 240_000);
afterAll(async () => {
  await h?.close();
});

async function expirationOf(customer: { id: string; tenantId: string }): Promise<unknown> {
  const { graphId } = await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId: customer.id, key: "policy:tier1" } }, select: { graphId: true } });
  return ((await h.read<Loose>(customer.tenantId, `${EM}/assignmentPolicies/${graphId}`)).expiration as Loose).duration;
}

describe("blueprint rollout", () => {
  it("previews per customer, rolls out to 20 tenants with one failing, and lists it", async () => {
    const definition = (await engine.getBlueprint(workspaceId)).definition;
    const changed = { ...definition, accessPackages: definition.accessPackages.map((p) => (p.key === "tier1" ? { ...p, policy: { ...p.policy, expirationDays: 180 } } : p)) };
    await db.blueprint.create({ data: { workspaceId, version: 1, definition: JSON.parse(JSON.stringify(changed)) as object } });

    const preview = await rollout.previewRollout({ workspaceId }, deps());
    expect(preview).toHaveLength(TENANTS);
    for (const p of preview) expect(p.changes).toEqual([expect.objectContaining({ key: "policy:tier1", action: "update", fields: ["expiration"] })]);

    const failing = customers[7]!;
    await h.control("POST", `/tenants/${failing.tenantId}/revoke-consent`, { revokeIssuedTokens: true });
    let running = 0;
    let peak = 0;
    const summary = await rollout.rolloutBlueprint({
      workspaceId, actor: "user:tester", concurrency: 4,
      onProgress: (p) => {
        running += p.status === "running" ? 1 : -1;
        peak = Math.max(peak, running);
      },
    }, deps());
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
    expect(summary.succeeded).toHaveLength(TENANTS - 1);
    expect(summary.failed).toEqual([expect.objectContaining({ customerId: failing.id, displayName: "Customer 07" })]);
    expect(summary.failed[0]!.message).toMatch(/consent/i);
    expect(summary.pending).toEqual([]);
    for (const c of customers.filter((c) => c !== failing).slice(0, 5)) expect(await expirationOf(c)).toBe("P180D");
    expect(await db.auditEvent.count({ where: { workspaceId, action: "blueprint.rollout_finished" } })).toBe(1);
  }, 180_000);

  it("pauses (no new customer starts) and resumes where it stopped", async () => {
    const definition = (await engine.getBlueprint(workspaceId)).definition;
    const changed = { ...definition, accessPackages: definition.accessPackages.map((p) => (p.key === "tier1" ? { ...p, policy: { ...p.policy, expirationDays: 90 } } : p)) };
    await db.blueprint.create({ data: { workspaceId, version: 2, definition: JSON.parse(JSON.stringify(changed)) as object } });
    const healthy = customers.filter((_, i) => i !== 7).map((c) => c.id);
    let finished = 0;
    const first = await rollout.rolloutBlueprint({ workspaceId, actor: "user:tester", customerIds: healthy, concurrency: 2, onProgress: (p) => { if (p.status !== "running") finished++; }, paused: () => finished >= 4 }, deps());
    expect(first.succeeded.length).toBeGreaterThanOrEqual(4);
    expect(first.pending.length).toBe(healthy.length - first.succeeded.length);
    expect(first.pending.length).toBeGreaterThan(0);
    const resumed = await rollout.rolloutBlueprint({ workspaceId, actor: "user:tester", customerIds: first.pending, concurrency: 4 }, deps());
    expect(resumed).toMatchObject({ failed: [], pending: [] });
    expect(resumed.succeeded.sort()).toEqual([...first.pending].sort());
    expect(await db.auditEvent.count({ where: { workspaceId, action: "blueprint.rollout_paused" } })).toBe(1);
  }, 180_000);
});
