// Every access reader's queries, EXPLAINed at the benchmark's size (1,000 customers, 300 staff,
// 100,000 assignments, 22,000 requests): none may scan the two large tables sequentially. The
// SQL is captured from the database driver while the real readers run, so the check follows
// the readers as they change. Plans, not timings: timings belong to `npm run bench -- sync`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { seedAccessData } from "@/lib/bench/sync/seed";
import * as access from "./index";

type Reader = access.AccessReader;
interface Captured { text: string; values: unknown[] }

const captured: Captured[] = [];
const originalQuery = pg.Client.prototype.query;
let explainer: pg.Client;
let admin: Reader;
let analyst: Reader;

beforeAll(async () => {
  const ws = await db.workspace.create({ data: { name: "Plans MSSP", tenantId: crypto.randomUUID(), primaryDomain: "plans.example" }, select: { id: true } });
  await seedAccessData(process.env.DATABASE_URL!, ws.id, { customers: 1000, staff: 300, assignments: 100_000, pendingRequests: 2000, decidedRequests: 20_000 });
  const a = await db.portalUser.create({ data: { workspaceId: ws.id, objectId: crypto.randomUUID(), tenantId: crypto.randomUUID(), name: "Plans Admin", email: "admin@plans.example", role: "admin" }, select: { id: true } });
  const s = await db.portalUser.findFirstOrThrow({ where: { workspaceId: ws.id, role: "analyst" }, select: { id: true } });
  admin = { id: a.id, role: "admin", workspace: { id: ws.id } };
  analyst = { id: s.id, role: "analyst", workspace: { id: ws.id } };
  explainer = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await explainer.connect();
  // Records what the Prisma adapter sends (it calls query({ text, values, … })).
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config] = args as [{ text?: string; values?: unknown[] } | string];
    if (this !== explainer && typeof config === "object" && config?.text) captured.push({ text: config.text, values: config.values ?? [] });
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;
}, 180_000);

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await explainer?.end();
});

/** The EXPLAIN text of each SELECT a reader ran. */
async function planTexts(run: () => Promise<unknown>): Promise<string[]> {
  captured.length = 0;
  await run();
  const selects = captured.filter((q) => /^\s*(SELECT|WITH)/i.test(q.text));
  expect(selects.length).toBeGreaterThan(0);
  const plans: string[] = [];
  for (const q of selects) {
    const { rows } = await explainer.query<{ "QUERY PLAN": string }>(`EXPLAIN ${q.text}`, q.values);
    plans.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  return plans;
}

/** The scans of each SELECT a reader ran, e.g. "Index Scan using SyncedAssignment_… on SyncedAssignment". */
async function plansOf(run: () => Promise<unknown>): Promise<string[][]> {
  return (await planTexts(run)).map((text) => [...text.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?(?: using "?(\w+)"?)? on "?(\w+)"?/g)].map((m) => `${m[1]}${m[2] ? ` using ${m[2]}` : ""} on ${m[3]}`));
}

/** The estimated input of every full sort (an incremental sort of presorted groups is not one). */
const fullSorts = (plan: string) => [...plan.matchAll(/(?<!Incremental )Sort {2}\(cost=[\d.]+\.\.[\d.]+ rows=(\d+)/g)].map((m) => Number(m[1]));

const now = new Date();
const drainFirst = async (rows: AsyncGenerator<unknown>) => { await rows.next(); await rows.return(undefined); };
/** Reads `count` rows (past the first batch, so the keyset query runs too), then stops. */
const drainBatches = async (rows: AsyncGenerator<unknown>, count: number) => { for (let i = 0; i < count; i++) await rows.next(); await rows.return(undefined); };
const readers: [string, () => Promise<unknown>][] = [
  ["dashboard counts", () => access.dashboardCounts(admin, now)],
  ["expiries by expiry", () => access.upcomingExpiries(admin, { withinDays: 30 }, now)],
  ["expiries by customer", () => access.upcomingExpiries(admin, { withinDays: 30, sort: "customer" }, now)],
  ["expiries by person", () => access.upcomingExpiries(admin, { withinDays: 30, sort: "person" }, now)],
  ["expiries per week", () => access.expiriesPerWeek(admin, now)],
  ["pending approvals", () => access.pendingApprovals(admin, { now })],
  ["customers needing attention", () => access.customersNeedingAttention(admin)],
  ["last sync per customer", () => access.lastSyncs(admin)],
  ["matrix page", () => access.accessMatrix(admin, {}, now)],
  ["matrix, expiring filter", () => access.accessMatrix(admin, { filter: "expiring" }, now)],
  ["matrix, staff search", () => access.accessMatrix(admin, { search: "Staff 01" }, now)],
  ["matrix, customer search", () => access.accessMatrix(admin, { search: "Bench Customer 0042" }, now)],
  ["matrix, guest search", () => access.accessMatrix(admin, { search: "guest1234@" }, now)],
  ["/me", () => access.myAccess(analyst, now)],
  ["person page", () => access.personAccess(admin, analyst.id, now)],
  ["expiry CSV by person, first batch", () => drainFirst(access.expiriesCsv(admin, 30, "person", now))],
  ["matrix CSV, first batch", () => drainFirst(access.matrixCsv(admin, {}, now))],
  ["matrix CSV with a search, first batch", () => drainFirst(access.matrixCsv(admin, { search: "Bench Customer 0042" }, now))],
];

describe("access readers' plans at 100,000 assignments", () => {
  for (const [name, run] of readers) {
    it(`${name}: no sequential scan of SyncedAssignment or SyncedRequest`, async () => {
      const plans = await plansOf(run);
      console.log(`EXPLAIN ${name}: ${[...new Set(plans.flat())].join("; ")}`);
      for (const scans of plans) expect(scans.filter((s) => /^Seq Scan on Synced(Assignment|Request)$/.test(s))).toEqual([]);
    });
  }

  // Each reader the benchmark found slow, and the path that fixed it. A full sort may order a small
  // table's names (1,000 customers), the unmatched guests of a window, a CSV batch (2,000) or a
  // matrix page's own assignments (50 staff × 25 customers), never a whole window (7,400 rows
  // in 30 days, 22,000 in 90) nor the whole pending queue (2,000 to show 100).
  const PAGE = 1500;
  const BATCH = 5000;
  const shapes: [string, () => Promise<unknown>, RegExp[], number][] = [
    ["expiries ≤90 d by customer", () => access.upcomingExpiries(admin, { withinDays: 90, sort: "customer" }, now), [/Incremental Sort/, /SyncedAssignment_workspaceId_customerId_expiresAt_idx/], PAGE],
    // By person, the staff half is index-ordered; the unmatched-guest half still sorts the window's
    // unmatched guests (1,200–1,700 of the ~22,000 here, a known cost in the closing note), so its
    // bound is the guests, not a page: still far from sorting the whole window.
    ["expiries ≤90 d by person", () => access.upcomingExpiries(admin, { withinDays: 90, sort: "person" }, now), [/Incremental Sort/, /SyncedAssignment_workspaceId_portalUserId_state_expiresAt_idx/], BATCH],
    ["expiry CSV ≤90 d by person, first and second batch (keyset)", () => drainBatches(access.expiriesCsv(admin, 90, "person", now), 101), [/SyncedAssignment_workspaceId_portalUserId_state_expiresAt_idx/], BATCH],
    ["expiry CSV ≤90 d by customer, first and second batch (keyset)", () => drainBatches(access.expiriesCsv(admin, 90, "customer", now), 101), [/SyncedAssignment_workspaceId_customerId_expiresAt_idx/], BATCH],
    ["dashboard, 90 days by person", () => access.dashboardView(admin, { withinDays: 90, sort: "person", now }), [/SyncedAssignment_workspaceId_portalUserId_state_expiresAt_idx/], BATCH],
    ["staff with access in force", () => access.dashboardCounts(admin, now), [/SyncedAssignment_workspaceId_portalUserId_state_expiresAt_idx/], PAGE],
    ["expiries per week", () => access.expiriesPerWeek(admin, now), [/Index Only Scan using "?SyncedAssignment_workspaceId_state_expiresAt_idx/], PAGE],
    ["approvals, first page", () => access.pendingApprovals(admin, { now }), [/SyncedRequest_pending_idx/], PAGE],
    ["approvals, a later page", async () => access.pendingApprovals(admin, { now, after: (await access.pendingApprovals(admin, { now, limit: 1000 })).next }), [/SyncedRequest_pending_idx/], PAGE],
    ["matrix page (unmatched list)", () => access.accessMatrix(admin, {}, now), [/SyncedAssignment_unmatched_idx/], BATCH],
  ];
  for (const [name, run, uses, largestSort] of shapes) {
    it(`${name}: index-ordered, no sort of a whole window or queue`, async () => {
      const plans = await planTexts(run);
      for (const plan of plans) expect(fullSorts(plan).filter((rows) => rows > largestSort), plan).toEqual([]);
      for (const use of uses) expect(plans.some((plan) => use.test(plan)), `${use} in\n${plans.join("\n\n")}`).toBe(true);
    });
  }

  it("a guest search reaches the unmatched assignments through the trigram index", async () => {
    const plans = await plansOf(() => access.accessMatrix(admin, { search: "guest1234@" }, now));
    expect(plans.flat().some((s) => /SyncedAssignment_target(DisplayName|Email)_idx/.test(s))).toBe(true);
  });
});
