// The engine under Graph's bad days: injected 429/503/dropped connections, replication lag,
// lost answers to creates, and a worker stopped mid-apply. Every case converges to exactly one
// object per blueprint entry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type * as DbModule from "@/lib/db";
import { startEngineHarness, type EngineHarness, type TestTenant } from "./testing/harness";
import type * as Index from "./index";

type Loose = Record<string, unknown> & { value?: Loose[] };

let h: EngineHarness;
let engine: typeof Index;
let db: typeof DbModule.db;
let workspaceId: string;
let next = 0;
const EM = "/v1.0/identityGovernance/entitlementManagement";
const noWait = { timeoutMs: 5000 };

beforeAll(async () => {
  h = await startEngineHarness(6);
  engine = await import("./index");
  db = (await import("@/lib/db")).db;
  workspaceId = (await db.workspace.create({ data: { name: h.mssp.displayName, tenantId: h.mssp.id, primaryDomain: h.mssp.domain }, select: { id: true } })).id;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control("DELETE", "/faults");
});

async function consentedCustomer(): Promise<{ tenant: TestTenant; customerId: string }> {
  const tenant = h.tenants[next++]!;
  const { id } = await db.customer.create({
    data: { workspaceId, displayName: tenant.domain, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId },
    select: { id: true },
  });
  return { tenant, customerId: id };
}

async function apply(customerId: string, deps: Partial<Index.EngineDeps> = {}, signal?: AbortSignal): Promise<{ runId: string; status: Index.RunStatus }> {
  const runId = await engine.createRun({ workspaceId, customerId, trigger: "manual" });
  const status = await engine.executeRun(runId, { deps: { graphAccess: h.graphAccess, ...noWait, ...deps }, ...(signal ? { signal } : {}) });
  return { runId, status };
}

/** Every object the blueprint names, counted in the tenant by name: each must be there exactly once. */
async function countObjects(tenantId: string): Promise<Record<string, number>> {
  const read = (path: string) => h.read<Loose>(tenantId, path);
  const counts: Record<string, number> = {};
  const count = (prefix: string, items: Loose[] | undefined, names: string[]) => {
    for (const name of names) counts[`${prefix}:${name}`] = (items ?? []).filter((i) => i.displayName === name).length;
  };
  count("group", (await read("/v1.0/groups?$select=id,displayName")).value, ["Tier 1 Analyst", "Tier 2 Analyst", "MSSP Analyst Approvers"]);
  counts.connectedOrganization = (await read(`${EM}/connectedOrganizations`)).value!.length;
  const catalogs = (await read(`${EM}/catalogs`)).value!;
  count("catalog", catalogs, ["MSSP Accesses"]);
  const catalog = catalogs.find((c) => c.displayName === "MSSP Accesses");
  if (catalog) {
    counts.resources = (await read(`${EM}/catalogs/${String(catalog.id)}/resources`)).value!.length;
    const packages = (await read(`${EM}/accessPackages?$expand=resourceRoleScopes,assignmentPolicies`)).value!;
    count("package", packages, ["Tier 1 Analyst", "Tier 2 Analyst", "MSSP Analyst Approvers"]);
    counts.roleScopes = packages.reduce((n, p) => n + (p.resourceRoleScopes as unknown[]).length, 0);
    counts.policies = packages.reduce((n, p) => n + (p.assignmentPolicies as unknown[]).length, 0);
  }
  count("role", (await read("/beta/roleManagement/defender/roleDefinitions")).value, ["MSSP Tier 1 Analyst", "MSSP Tier 2 Analyst"]);
  counts.roleAssignments = (await read("/beta/roleManagement/defender/roleAssignments")).value!.filter((a) => String(a.displayName ?? "").includes("MSSP Tier")).length;
  return counts;
}

const EXACT = {
  "group:Tier 1 Analyst": 1, "group:Tier 2 Analyst": 1, "group:MSSP Analyst Approvers": 1, connectedOrganization: 1, "catalog:MSSP Accesses": 1,
  resources: 3, "package:Tier 1 Analyst": 1, "package:Tier 2 Analyst": 1, "package:MSSP Analyst Approvers": 1, roleScopes: 3, policies: 3,
  "role:MSSP Tier 1 Analyst": 1, "role:MSSP Tier 2 Analyst": 1, roleAssignments: 2,
};

describe("resilience", () => {
  it("with 10% injected 429/503/dropped connections, 20 applies converge with 0 duplicates", { timeout: 240_000 }, async () => {
    const { tenant, customerId } = await consentedCustomer();
    await h.control("PUT", "/faults", [{ pathPattern: "re:^/(v1\\.0|beta)/", rate429: 0.04, rate503: 0.03, dropRate: 0.03, retryAfterSeconds: 0, seed: 7 }]);
    const statuses: string[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await apply(customerId)).status);
    await h.control("DELETE", "/faults");
    const final = await apply(customerId);
    expect(statuses.filter((s) => s !== "succeeded" && s !== "failed")).toEqual([]);
    expect(statuses.at(-1)).toBe("succeeded");
    expect(final.status).toBe("succeeded");
    expect(await countObjects(tenant.id)).toEqual(EXACT);
    expect(await db.tenantObject.count({ where: { customerId } })).toBe(21);
  });

  it("with 2 s replication lag, one apply converges without re-creating what Graph does not show yet", { timeout: 120_000 }, async () => {
    const { tenant, customerId } = await consentedCustomer();
    await h.control("PATCH", `/tenants/${tenant.id}`, { replicationLagMs: 2000 });
    const started = Date.now();
    const first = await apply(customerId);
    const elapsed = Date.now() - started;
    const steps = await db.provisioningStep.findMany({ where: { runId: first.runId }, select: { key: true, status: true, errorMessage: true } });
    expect(steps.filter((s) => s.status !== "succeeded")).toEqual([]);
    expect(first.status).toBe("succeeded");
    // Straight after, everything just created is still replicating: the re-run must not take that for "missing".
    const again = await apply(customerId);
    expect(again.status).toBe("succeeded");
    await h.control("PATCH", `/tenants/${tenant.id}`, { replicationLagMs: 0 });
    expect(await countObjects(tenant.id)).toEqual(EXACT);
    expect(elapsed).toBeLessThan(60_000);
  });

  it("a create whose answer is lost is found, not made twice", async () => {
    const { tenant, customerId } = await consentedCustomer();
    const lost = new Set<string>();
    // The connection drops after Graph ran the POST: the client never learns the new id.
    const losingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const path = new URL(String(input)).pathname;
      if (init?.method === "POST" && !path.endsWith("$batch") && !lost.has(path)) {
        lost.add(path);
        throw new TypeError("fetch failed: socket hang up");
      }
      return response;
    };
    const result = await apply(customerId, { fetch: losingFetch });
    expect(lost.size).toBeGreaterThanOrEqual(6);
    expect(result.status).toBe("succeeded");
    expect(await countObjects(tenant.id)).toEqual(EXACT);
  });

  it("a worker stopped mid-apply leaves the run resumable; executing it again converges", async () => {
    const { tenant, customerId } = await consentedCustomer();
    const controller = new AbortController();
    let writes = 0;
    const runId = await engine.createRun({ workspaceId, customerId, trigger: "consent" });
    const stopped = await engine.executeRun(runId, {
      signal: controller.signal,
      deps: { graphAccess: h.graphAccess, onExchange: (e) => { writes += e.writes; if (writes >= 5) controller.abort(new Error("worker shutting down")); } },
    });
    expect(stopped).toBe("queued");
    const partial = await db.tenantObject.count({ where: { customerId } });
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(21);
    expect(await engine.executeRun(runId, { deps: { graphAccess: h.graphAccess } })).toBe("succeeded");
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(run).toMatchObject({ status: "succeeded", stepsTotal: 21, stepsDone: 21 });
    expect(await countObjects(tenant.id)).toEqual(EXACT);
  });
});
