/**
 * The sync and readers benchmark (issue 12):
 *  1. readers: seed 1,000 customers, 300 staff, 100,000 assignments; p50/p95 of every reader the
 *     dashboard, approvals, matrix, /me, person and CSV endpoints call, and the plans of their
 *     main queries (EXPLAIN: index scans, not sequential scans);
 *  2. sync throughput: 200 tenants, the emulator answering every Graph call after 100 ms, against
 *     the floor set by concurrency and round trips per tenant;
 *  3. a no-change sync: its Graph requests, rows written and time.
 *
 *   node --conditions=react-server --import tsx bench/sync/main.ts [--tenants 200] [--latency 100] [--concurrency 4]
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile } from "../provisioning/measure.ts";
import { APP_ID, createDatabase, pointGatehouseAt, ROOT, startEmulatorProcess } from "../provisioning/setup.ts";
import { benchWorld } from "../provisioning/world.ts";
import { seedAccessData } from "./seed.ts";

const MSSP_TENANT = "74361f78-e191-4c87-ac08-85e9f5f72879";
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function timeIt(label: string, fn: () => Promise<unknown>, runs = 30): Promise<void> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const p95 = percentile(times, 95);
  console.log(`${label.padEnd(44)} p50 ${ms(percentile(times, 50)).padStart(9)}  p95 ${ms(p95).padStart(9)}  ${p95 <= 150 ? "ok" : "OVER 150 ms"}`);
}

async function explain(databaseUrl: string, label: string, sql: string, params: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    const scans = [...plan.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan) (?:using (\S+) )?on "?(\w+)"?/g)].map((m) => `${m[1]}${m[2] ? ` ${m[2]}` : ""} on ${m[3]}`);
    console.log(`  EXPLAIN ${label}: ${[...new Set(scans)].join("; ")}`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { tenants: { type: "string", default: "200" }, latency: { type: "string", default: "100" }, concurrency: { type: "string", default: "4" } }, strict: false });
  const tenantCount = Number(values.tenants);
  const latency = Number(values.latency);
  const concurrency = Number(values.concurrency);
  const world = benchWorld(`${ROOT}/emulator/seed/demo.json`, tenantCount);
  const emulator = await startEmulatorProcess(world.seed, latency);
  const database = await createDatabase();
  try {
    pointGatehouseAt(emulator.url, database.url);
    const { db } = await import("../../db.ts");
    const access = await import("../../data/access/index.ts");
    const { syncCustomer } = await import("../../sync/run.ts");

    // 1. Readers on a large workspace.
    const big = await db.workspace.create({ data: { name: "Bench MSSP", tenantId: crypto.randomUUID(), primaryDomain: "mssp.example" }, select: { id: true } });
    let t = performance.now();
    await seedAccessData(database.url, big.id, { customers: 1000, staff: 300, assignments: 100_000, pendingRequests: 2000, decidedRequests: 20_000 });
    console.log(`\n-- readers: 1,000 customers, 300 staff, 100,000 assignments, 22,000 requests (seeded in ${(performance.now() - t) / 1000 | 0} s) --`);
    const admin = await db.portalUser.create({ data: { workspaceId: big.id, objectId: crypto.randomUUID(), tenantId: crypto.randomUUID(), name: "Bench Admin", email: "admin@mssp.example", role: "admin" }, select: { id: true } });
    const analyst = await db.portalUser.findFirstOrThrow({ where: { workspaceId: big.id, role: "analyst" }, select: { id: true } });
    const user = { id: admin.id, role: "admin" as const, workspace: { id: big.id } };
    const me = { id: analyst.id, role: "analyst" as const, workspace: { id: big.id } };
    const drain = async (lines: AsyncGenerator<string>) => { let n = 0; for await (const _ of lines) n++; return n; };
    await timeIt("dashboard: counts", () => access.dashboardCounts(user));
    await timeIt("dashboard: expiries ≤30 days, first 100", () => access.upcomingExpiries(user, { withinDays: 30 }));
    await timeIt("dashboard: expiries ≤90 days by customer", () => access.upcomingExpiries(user, { withinDays: 90, sort: "customer" }));
    await timeIt("dashboard: expiries per day (90)", () => access.expiriesPerDay(user));
    await timeIt("dashboard: pending approvals (first 10)", () => access.pendingApprovals(user, { limit: 10, permission: "dashboard:read" }));
    await timeIt("dashboard: customers needing attention", () => access.customersNeedingAttention(user));
    await timeIt("dashboard: last sync per customer", () => access.lastSyncs(user));
    await timeIt("approvals: queue (all 2,000, oldest first)", () => access.pendingApprovals(user, { limit: 5000 }));
    await timeIt("matrix: 50 staff × 50 customers (one page)", () => access.accessMatrix(user), 10);
    await timeIt("matrix: all 300 staff × 1,000 customers", () => access.accessMatrix(user, { limit: 300, customerLimit: 1000 }), 10);
    await timeIt("matrix: search 'Staff 01'", () => access.accessMatrix(user, { search: "Staff 01" }), 10);
    await timeIt("matrix: search a customer 'Bench Customer 0042'", () => access.accessMatrix(user, { search: "Bench Customer 0042" }), 10);
    await timeIt("/me: my access", () => access.myAccess(me));
    await timeIt("person: access + history", () => access.personAccess(user, analyst.id));
    const firstLine = async (lines: AsyncGenerator<string>) => { await lines.next(); await lines.next(); await lines.return(undefined); };
    await timeIt("CSV: expiries, first row (time to first byte)", () => firstLine(access.expiriesCsv(user, 90)));
    await timeIt("CSV: matrix, first row (time to first byte)", () => firstLine(access.matrixCsv(user)));
    await timeIt("CSV: expiries ≤30 days (streamed)", () => drain(access.expiriesCsv(user, 30)), 10);
    await timeIt("CSV: matrix, every assignment (streamed)", () => drain(access.matrixCsv(user)), 5);
    const now = new Date();
    await explain(database.url, "expiries window", `SELECT id FROM "SyncedAssignment" WHERE "workspaceId" = $1 AND state = 'delivered' AND "expiresAt" > $2 AND "expiresAt" <= $3 ORDER BY "expiresAt" LIMIT 100`, [big.id, now, new Date(now.getTime() + 30 * 86_400_000)]);
    await explain(database.url, "pending approvals", `SELECT id FROM "SyncedRequest" WHERE "workspaceId" = $1 AND state IN ('pendingApproval','submitted') ORDER BY "requestedAt" LIMIT 500`, [big.id]);
    await explain(database.url, "my assignments", `SELECT id FROM "SyncedAssignment" WHERE "workspaceId" = $1 AND "portalUserId" = $2`, [big.id, analyst.id]);
    await explain(database.url, "tenant diff read", `SELECT id FROM "SyncedAssignment" WHERE "workspaceId" = $1 AND "customerId" = (SELECT id FROM "Customer" WHERE "workspaceId" = $1 LIMIT 1)`, [big.id]);

    // 2. Sync throughput against the emulator.
    const workspace = await db.workspace.create({ data: { name: "Northwind Defense", tenantId: MSSP_TENANT, primaryDomain: "northwinddefense.com" }, select: { id: true } });
    const customers = await Promise.all(world.customers.map((c) => db.customer.create({ data: { workspaceId: workspace.id, displayName: c.displayName, primaryDomain: c.domain, tenantId: c.id, status: "active" }, select: { id: true } })));
    console.log(`\n-- sync: ${tenantCount} tenants, ${latency} ms per Graph call, ${concurrency} at a time (WORKER_CONCURRENCY) --`);
    const pass = async (label: string) => {
      const queue = [...customers];
      const results: Awaited<ReturnType<typeof syncCustomer>>[] = [];
      t = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) results.push(await syncCustomer({ workspaceId: workspace.id, customerId: c.id }, "schedule"));
      }));
      const wall = performance.now() - t;
      const requests = results.reduce((n, r) => n + r.graphRequests, 0);
      const failed = results.filter((r) => r.status !== "succeeded");
      // Each tenant's reads run in parallel: one round trip deep (the approvers read is skipped
      // without a registry), so the floor is concurrency / latency tenants per second.
      const floor = concurrency / (latency / 1000);
      console.log(`${label.padEnd(22)} ${(wall / 1000).toFixed(1)} s, ${(tenantCount / (wall / 1000)).toFixed(1)} tenants/s (floor ${floor.toFixed(1)}/s: ${concurrency} × 1 round trip of ${latency} ms); ${requests} Graph requests (${(requests / tenantCount).toFixed(1)}/tenant), ${results.reduce((n, r) => n + r.changed, 0)} rows written, ${failed.length} failed${failed[0] ? ` (${failed[0].failure?.reason})` : ""}`);
    };
    await pass("first sync");
    await pass("no-change sync");
    // 3. One no-change sync alone.
    const single = performance.now();
    const r = await syncCustomer({ workspaceId: workspace.id, customerId: customers[0]!.id }, "manual");
    console.log(`one no-change sync: ${r.graphRequests} Graph requests, ${r.changed} rows written, ${ms(performance.now() - single)} (${latency} ms per Graph call; token cached)`);
    void APP_ID;
  } finally {
    emulator.stop();
    await database.drop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
