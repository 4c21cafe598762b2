import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import { SYNCABLE_STATUSES } from "@/lib/sync/schedule";
import { pendingApprovals, type PendingApproval } from "./approvals";
import type { AccessReader, ExpiryWindow } from "./common";
import { customersNeedingAttention, dashboardCounts, expiriesPerWeek, lastSyncs, type CustomerAttention, type CustomerSyncState, type DashboardCounts } from "./dashboard";
import { countExpiries, expiryRows, type ExpiryRow, type ExpirySort } from "./expiries";

/** Dates as ISO strings: what the server renders is what the API returns when the page refreshes. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

const EXPIRY_ROWS = 100;
const APPROVAL_ROWS = 10;

export interface DashboardView {
  counts: DashboardCounts;
  expiries: { rows: Json<ExpiryRow>[]; total: number };
  approvals: { rows: Json<PendingApproval>[]; total: number };
  attention: CustomerAttention[];
  syncs: Json<CustomerSyncState>[];
  chart: { label: string; startsAt: string; count: number }[];
  /** Progress of a "Sync now" asked for at `since`: customers attempted since then, of all syncable ones. */
  progress: { since: string; done: number; total: number } | null;
  generatedAt: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Everything the dashboard shows, in one round of parallel queries (each on its own pool connection). */
export async function dashboardView(user: AccessReader, opts: { withinDays: ExpiryWindow; sort: ExpirySort; since?: Date | null; now?: Date }): Promise<DashboardView> {
  requirePermission(user, "dashboard:read");
  const now = opts.now ?? new Date();
  // The same customers "Sync now" queues (lib/sync/requests.ts), so the progress can reach its end.
  const syncable = { workspaceId: user.workspace.id, status: { in: SYNCABLE_STATUSES }, tenantId: { not: null } };
  // The 30-day count is one of the counts and the 90-day one the chart's sum (the same window and
  // bounds): only the other windows are counted apart.
  const [counts, expiries, expiryTotal, approvals, attention, syncs, chart, done, total] = await Promise.all([
    dashboardCounts(user, now),
    expiryRows(user, { withinDays: opts.withinDays, sort: opts.sort, limit: EXPIRY_ROWS }, now),
    opts.withinDays === 30 || opts.withinDays === 90 ? null : countExpiries(user.workspace.id, opts.withinDays, now),
    pendingApprovals(user, { limit: APPROVAL_ROWS, now, permission: "dashboard:read" }),
    customersNeedingAttention(user),
    lastSyncs(user),
    expiriesPerWeek(user, now),
    opts.since ? db.customerSync.count({ where: { workspaceId: user.workspace.id, lastAttemptAt: { gte: opts.since }, customer: syncable } }) : 0,
    opts.since ? db.customer.count({ where: syncable }) : 0,
  ]);
  return {
    counts,
    expiries: {
      total: expiryTotal ?? (opts.withinDays === 30 ? counts.expiringIn30Days : chart.reduce((sum, week) => sum + week.count, 0)),
      rows: expiries.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString() })),
    },
    approvals: { total: approvals.total, rows: approvals.rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() })) },
    attention,
    syncs: syncs.map((s) => ({ ...s, lastSuccessAt: iso(s.lastSuccessAt), lastAttemptAt: iso(s.lastAttemptAt), nextSyncAt: iso(s.nextSyncAt) })),
    chart: chart.map((w) => ({ ...w, startsAt: w.startsAt.toISOString() })),
    progress: opts.since ? { since: opts.since.toISOString(), done, total } : null,
    generatedAt: now.toISOString(),
  };
}
