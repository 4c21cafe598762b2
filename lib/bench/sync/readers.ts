/**
 * Part 1 of the sync benchmark: p50/p95 of every reader behind the dashboard, approvals, matrix,
 * /me, person and CSV endpoints on 1,000 customers, 300 staff and 100,000 assignments, and the
 * scans of their main statements. (lib/data/access/plans.test.ts asserts the plans; this prints them.)
 */
import pg from "pg";
import { percentile } from "../provisioning/measure.ts";
import { seedAccessData } from "./seed.ts";

import type * as AccessModule from "../../data/access/index.ts";
import type { expiriesSql as ExpiriesSql } from "../../data/access/expiries.ts";
import type { db as Db } from "../../db.ts";

type Access = typeof AccessModule;

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** `target` false: a whole-file time, reported for scale; the 150 ms target is for pages and first rows. */
async function timeIt(label: string, fn: () => Promise<unknown>, runs = 30, target = true): Promise<void> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const p95 = percentile(times, 95);
  console.log(`${label.padEnd(48)} p50 ${ms(percentile(times, 50)).padStart(9)}  p95 ${ms(p95).padStart(9)}  ${!target ? "" : p95 <= 150 ? "ok" : "OVER 150 ms"}`);
}

async function explain(databaseUrl: string, label: string, sql: { text: string; values: unknown[] }): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    const scans = [...plan.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan) (?:using (\S+) )?on "?(\w+)"?/g)].map((m) => `${m[1]}${m[2] ? ` ${m[2]}` : ""} on ${m[3]}`);
    console.log(`  EXPLAIN ${label}: ${[...new Set(scans)].join("; ")}`);
  } finally {
    await client.end();
  }
}

export async function benchReaders(databaseUrl: string, db: typeof Db, access: Access, expiriesSql: typeof ExpiriesSql): Promise<void> {
  const big = await db.workspace.create({ data: { name: "Bench MSSP", tenantId: crypto.randomUUID(), primaryDomain: "mssp.example" }, select: { id: true } });
  const t = performance.now();
  await seedAccessData(databaseUrl, big.id, { customers: 1000, staff: 300, assignments: 100_000, pendingRequests: 2000, decidedRequests: 20_000 });
  console.log(`\n-- readers: 1,000 customers, 300 staff, 100,000 assignments, 22,000 requests (seeded in ${((performance.now() - t) / 1000) | 0} s) --`);
  const admin = await db.portalUser.create({ data: { workspaceId: big.id, objectId: crypto.randomUUID(), tenantId: crypto.randomUUID(), name: "Bench Admin", email: "admin@mssp.example", role: "admin" }, select: { id: true } });
  const analyst = await db.portalUser.findFirstOrThrow({ where: { workspaceId: big.id, role: "analyst" }, select: { id: true } });
  const user = { id: admin.id, role: "admin" as const, workspace: { id: big.id } };
  const me = { id: analyst.id, role: "analyst" as const, workspace: { id: big.id } };
  // The header is the stream's first chunk, the first data row its second.
  const firstRow = async (stream: ReadableStream<Uint8Array>) => { const r = stream.getReader(); await r.read(); await r.read(); await r.cancel(); };
  const whole = async (stream: ReadableStream<Uint8Array>) => { const r = stream.getReader(); while (!(await r.read()).done); };
  await timeIt("dashboard: whole view (GET /api/dashboard)", () => access.dashboardView(user, { withinDays: 30, sort: "expires" }));
  await timeIt("dashboard: whole view, 90 days by person", () => access.dashboardView(user, { withinDays: 90, sort: "person" }));
  await timeIt("dashboard: counts", () => access.dashboardCounts(user));
  await timeIt("dashboard: expiries ≤30 days, first 100", () => access.upcomingExpiries(user, { withinDays: 30 }));
  await timeIt("dashboard: expiries ≤90 days by customer", () => access.upcomingExpiries(user, { withinDays: 90, sort: "customer" }));
  await timeIt("dashboard: expiries ≤90 days by person", () => access.upcomingExpiries(user, { withinDays: 90, sort: "person" }));
  await timeIt("dashboard: expiries per week (90 days)", () => access.expiriesPerWeek(user));
  await timeIt("dashboard: customers needing attention", () => access.customersNeedingAttention(user));
  await timeIt("dashboard: last sync per customer", () => access.lastSyncs(user));
  await timeIt("approvals: queue, oldest 100 of 2,000 with the total", () => access.pendingApprovals(user, { limit: 100 }));
  const page10 = await access.pendingApprovals(user, { limit: 900 });
  await timeIt("approvals: queue, page 10 (keyset)", () => access.pendingApprovals(user, { limit: 100, after: page10.next }));
  await timeIt("matrix: page (50 staff × 25 customers)", () => access.accessMatrix(user, { limit: 50, customerLimit: 25 }));
  await timeIt("matrix: page 6 of staff, columns 976–1,000", () => access.accessMatrix(user, { limit: 50, offset: 250, customerLimit: 25, customerOffset: 975 }));
  await timeIt("matrix: expiring-in-30-days filter", () => access.accessMatrix(user, { filter: "expiring", limit: 50, customerLimit: 25 }));
  await timeIt("matrix: search 'Staff 01'", () => access.accessMatrix(user, { search: "Staff 01", limit: 50, customerLimit: 25 }));
  await timeIt("matrix: search a customer 'Bench Customer 0042'", () => access.accessMatrix(user, { search: "Bench Customer 0042", limit: 50, customerLimit: 25 }));
  await timeIt("matrix: search a guest 'guest1234@'", () => access.accessMatrix(user, { search: "guest1234@", limit: 50, customerLimit: 25 }));
  await timeIt("/me: my access", () => access.myAccess(me));
  await timeIt("person: access + history", () => access.personAccess(user, analyst.id));
  await timeIt("CSV: expiries ≤90 d, time to first row", () => firstRow(access.csvStream(access.EXPIRY_CSV_HEADER, access.expiriesCsv(user, 90))));
  await timeIt("CSV: expiries ≤90 d by person, time to first row", () => firstRow(access.csvStream(access.EXPIRY_CSV_HEADER, access.expiriesCsv(user, 90, "person"))));
  await timeIt("CSV: matrix, time to first row", () => firstRow(access.csvStream(access.MATRIX_CSV_HEADER, access.matrixCsv(user))));
  await timeIt("CSV: matrix searched, time to first row", () => firstRow(access.csvStream(access.MATRIX_CSV_HEADER, access.matrixCsv(user, { search: "Bench Customer 0042" }))));
  await timeIt("CSV: expiries ≤30 days, whole file (streamed)", () => whole(access.csvStream(access.EXPIRY_CSV_HEADER, access.expiriesCsv(user, 30))), 10, false);
  await timeIt("CSV: matrix, all 90,000 rows (streamed)", () => whole(access.csvStream(access.MATRIX_CSV_HEADER, access.matrixCsv(user))), 5, false);
  const now = new Date();
  for (const [label, window, sort] of [["expiries ≤30 d by expiry", 30, "expires"], ["expiries ≤30 d by person", 30, "person"], ["expiries ≤90 d by person", 90, "person"], ["expiries ≤90 d by customer", 90, "customer"]] as const) {
    const sql = expiriesSql(big.id, window, now, sort, { limit: 100 });
    await explain(databaseUrl, label, { text: sql.text, values: sql.values });
  }
}
