/**
 * The drift benchmark (issue 11), at the emulator's per-call latency:
 *  1. one tenant: a clean drift check, a check that finds a rogue change (expiry 365 → 730 days),
 *     and its repair: Graph round trips and wall time;
 *  2. a drift check of `count` provisioned tenants at DRIFT_CHECK_CONCURRENCY, against the floor
 *     set by that concurrency and the round trips one check needs: once in one process (the
 *     CLI's `drift --all`) and once as "Check all now" does it, through the job worker.
 */
import type { Gatehouse } from "./gatehouse.ts";
import { countTraffic, formatCounts, seconds } from "./measure.ts";
import type { Emulator } from "./setup.ts";
import type { BenchTenant } from "./world.ts";

const EM = "/v1.0/identityGovernance/entitlementManagement";

async function cursorOf(emulator: Emulator): Promise<number> {
  return (await emulator.traffic(Number.MAX_SAFE_INTEGER)).cursor;
}

async function measured<T>(emulator: Emulator, label: string, work: () => Promise<T>, describe: (value: T) => string) {
  const before = await cursorOf(emulator);
  const started = performance.now();
  const value = await work();
  const wallMs = performance.now() - started;
  const traffic = countTraffic((await emulator.traffic(before)).entries);
  console.log(`${label.padEnd(22)} ${describe(value).padEnd(18)} ${seconds(wallMs).padStart(8)}  ${formatCounts(traffic)}`);
  return { value, wallMs, traffic };
}

export async function driftBench(g: Gatehouse, emulator: Emulator, tenants: BenchTenant[], appToken: (tenantId: string) => Promise<string>, latencyMs: number): Promise<void> {
  const drift = await import("../../provisioning/drift.ts");
  const workspaceId = g.workspace.id;
  const known = new Map((await g.db.customer.findMany({ where: { workspaceId }, select: { id: true, primaryDomain: true, status: true } })).map((c) => [c.primaryDomain, c]));
  // Tenants the earlier sections did not provision are provisioned now (not measured here).
  const todo = tenants.filter((t) => known.get(t.domain)?.status !== "active");
  for (let i = 0; i < todo.length; i += 16) {
    await Promise.all(todo.slice(i, i + 16).map(async (t) => {
      const customerId = known.get(t.domain)?.id ?? (await g.consentedCustomer(t));
      await g.engine.executeRun(await g.engine.createRun({ workspaceId, customerId, trigger: "manual" }));
    }));
  }
  const customers = await g.db.customer.findMany({ where: { workspaceId, status: "active", primaryDomain: { in: tenants.map((t) => t.domain) } }, select: { id: true, tenantId: true } });

  console.log(`\n-- drift: one tenant --`);
  const one = customers[0]!;
  const clean = await measured(emulator, "clean check", () => drift.checkDrift({ workspaceId, customerId: one.id }), (r) => `${r.status}, ${r.requests} req`);
  const policy = await g.db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId: one.id, key: "policy:tier1" } }, select: { graphId: true } });
  const token = await appToken(one.tenantId!);
  const url = `${emulator.url}${EM}/assignmentPolicies/${policy.graphId}`;
  const body = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
  delete body["@odata.context"];
  const pkg = await g.db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId: one.id, key: "accessPackage:tier1" } }, select: { graphId: true } });
  await fetch(url, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ ...body, expiration: { type: "afterDuration", duration: "P730D" }, accessPackage: { id: pkg.graphId } }) });
  await measured(emulator, "check finding drift", () => drift.checkDrift({ workspaceId, customerId: one.id }), (r) => `${r.counts.high} high, ${r.requests} req`);
  await measured(emulator, "repair (+ re-check)", () => drift.repairDrift({ workspaceId, customerId: one.id, actor: "system" }), (r) => `${r.runStatus}, ${r.after.status}`);

  const concurrency = g.env.DRIFT_CHECK_CONCURRENCY;
  console.log(`\n-- drift check of ${customers.length} tenants (DRIFT_CHECK_CONCURRENCY=${concurrency}) --`);
  const fleet = await measured(emulator, "fleet check", () => drift.checkFleet({ workspaceId, customerIds: customers.map((c) => c.id), concurrency }), (f) => `${f.reports.filter((r) => r.status === "clean").length} clean`);
  const perTenant = clean.traffic.roundTrips;
  // The floor: each slot checks one tenant after another, and one check cannot be faster than
  // its round trips at this latency (measured alone above, nothing else running).
  const floorMs = Math.ceil(customers.length / concurrency) * clean.wallMs;
  const byStatus = fleet.value.reports.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  const latencyFloorMs = Math.ceil(customers.length / concurrency) * waves(clean.traffic) * 2 * latencyMs;
  console.log(`  ${JSON.stringify(byStatus)}; ${perTenant} round trips per clean check (${latencyMs} ms each); ${seconds(fleet.wallMs)} vs floor ${seconds(floorMs)} ` +
    `(ceil(${customers.length}/${concurrency}) × one clean check ${seconds(clean.wallMs)}) = ${(fleet.wallMs / floorMs).toFixed(2)}×`);
  console.log(`  latency floor ${seconds(latencyFloorMs)}: ceil(${customers.length}/${concurrency}) × ${waves(clean.traffic)} sequential $batch wave(s) × 2 × ${latencyMs} ms (${(fleet.wallMs / latencyFloorMs).toFixed(2)}×)`);

  // "Check all now": one job per customer, run by the worker DRIFT_CHECK_CONCURRENCY at a time.
  const { requestDriftChecks } = await import("../../jobs/drift-requests.ts");
  const since = new Date();
  const jobs = await measured(emulator, "Check all now (jobs)", async () => {
    const queued = await requestDriftChecks(workspaceId);
    for (;;) {
      const done = await g.db.customer.count({ where: { workspaceId, status: "active", driftChecks: { some: { checkedAt: { gte: since } } } } });
      if (done >= queued.customers) return { ...queued, done };
      await new Promise((r) => setTimeout(r, 100));
    }
  }, (r) => `${r.done}/${r.customers} checked`);
  console.log(`  through the worker: ${seconds(jobs.wallMs)} vs floor ${seconds(floorMs)} = ${(jobs.wallMs / floorMs).toFixed(2)}× (polled every 0.1 s)`);
}

/** Sequential round trips of one check: the v1.0 and beta batches of a wave go out together. */
function waves(traffic: { roundTrips: number; batches: number }): number {
  return Math.max(1, traffic.roundTrips - 1);
}
