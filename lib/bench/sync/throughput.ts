/**
 * Parts 2 and 3 of the sync benchmark: 200 tenants synced `concurrency` at a time (as the worker
 * does, WORKER_CONCURRENCY) against the emulator answering each Graph call after `latency` ms,
 * first and no-change passes, with where each tenant's time goes (Graph fetches vs the rest);
 * then one no-change sync alone.
 */
import type { BenchTenant } from "../provisioning/world.ts";

import type { db as Db } from "../../db.ts";
import type { syncCustomer as SyncCustomerFn } from "../../sync/run.ts";

type SyncCustomer = typeof SyncCustomerFn;

const MSSP_TENANT = "74361f78-e191-4c87-ac08-85e9f5f72879";

export async function benchSyncThroughput(db: typeof Db, syncCustomer: SyncCustomer, tenants: BenchTenant[], opts: { latency: number; concurrency: number }): Promise<void> {
  const { latency, concurrency } = opts;
  const workspace = await db.workspace.create({ data: { name: "Northwind Defense", tenantId: MSSP_TENANT, primaryDomain: "northwinddefense.com" }, select: { id: true } });
  const customers = await Promise.all(tenants.map((c) => db.customer.create({ data: { workspaceId: workspace.id, displayName: c.displayName, primaryDomain: c.domain, tenantId: c.id, status: "active" }, select: { id: true } })));
  console.log(`\n-- sync: ${tenants.length} tenants, ${latency} ms per Graph call, ${concurrency} at a time (WORKER_CONCURRENCY) --`);
  // Each tenant's reads run in parallel: one round trip deep (the approvers read is skipped
  // without a registry), so the floor is concurrency / latency tenants per second. A first sync
  // also fetches the tenant's token: one more round trip.
  const floor = concurrency / (latency / 1000);
  const pass = async (label: string) => {
    const queue = [...customers];
    const results: (Awaited<ReturnType<SyncCustomer>> & { ms: number; fetchMs: number })[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        let fetchMs = 0;
        const timedFetch: typeof fetch = async (...args) => {
          const t = performance.now();
          try { return await fetch(...args); } finally { fetchMs = Math.max(fetchMs, performance.now() - t); }
        };
        const t = performance.now();
        const r = await syncCustomer({ workspaceId: workspace.id, customerId: c.id }, "schedule", { fetch: timedFetch });
        results.push({ ...r, ms: performance.now() - t, fetchMs });
      }
    }));
    const wall = (performance.now() - started) / 1000;
    const requests = results.reduce((n, r) => n + r.graphRequests, 0);
    const failed = results.filter((r) => r.status !== "succeeded");
    const avg = (f: (r: (typeof results)[number]) => number) => (results.reduce((n, r) => n + f(r), 0) / results.length).toFixed(0);
    console.log(`${label.padEnd(16)} ${wall.toFixed(1)} s, ${(tenants.length / wall).toFixed(1)} tenants/s (floor ${floor.toFixed(1)}/s: ${concurrency} × 1 round trip of ${latency} ms); ${requests} Graph requests (${(requests / tenants.length).toFixed(1)}/tenant), ${results.reduce((n, r) => n + r.changed, 0)} rows written, ${failed.length} failed${failed[0] ? ` (${failed[0].failure?.reason})` : ""}`);
    console.log(`${"".padEnd(16)} per tenant: ${avg((r) => r.ms)} ms, of which the slowest Graph fetch ${avg((r) => r.fetchMs)} ms (token and database work are the rest)`);
  };
  await pass("first sync");
  await pass("no-change sync");
  const single = performance.now();
  const r = await syncCustomer({ workspaceId: workspace.id, customerId: customers[0]!.id }, "manual");
  console.log(`one no-change sync: ${r.graphRequests} Graph requests, ${r.changed} rows written, ${(performance.now() - single).toFixed(1)} ms (${latency} ms per Graph call; token cached)`);
}
