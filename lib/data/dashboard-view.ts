import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDashboardSummary, type DashboardSummary } from "./dashboard";
import { SYNCABLE_STATUSES } from "@/lib/sync/schedule";
import { listUpcomingExpiries, type ExpirySort } from "./access-matrix";

/** The dashboard as JSON-safe data (dates as ISO strings): the page renders it, the API refreshes it. */
export interface DashboardView extends Omit<DashboardSummary, "syncs"> {
  syncs: { customerId: string; displayName: string; lastSuccessAt: string | null; failureReason: string | null }[];
  expiries: { id: string; customerName: string; packageName: string; tier: string | null; personId: string | null; personName: string; expiresAt: string }[];
  /** Progress of a "Sync now" asked for at `since`: customers attempted since then, of all syncable ones. */
  progress: { since: string; done: number; total: number } | null;
}

export async function getDashboardView(
  user: CurrentUser,
  opts: { windowDays: number; sort: ExpirySort; since?: Date | null; now?: Date },
): Promise<DashboardView> {
  const now = opts.now ?? new Date();
  // The same customers "Sync now" queues (lib/sync/requests.ts), so the progress can reach its end.
  const syncable = { workspaceId: user.workspace.id, status: { in: SYNCABLE_STATUSES }, tenantId: { not: null } };
  const [summary, expiries, done, total] = await Promise.all([
    getDashboardSummary(user, now),
    listUpcomingExpiries(user, { windowDays: opts.windowDays, sort: opts.sort, now, limit: 500 }),
    opts.since ? db.customerSync.count({ where: { workspaceId: user.workspace.id, lastAttemptAt: { gte: opts.since }, customer: syncable } }) : 0,
    opts.since ? db.customer.count({ where: syncable }) : 0,
  ]);
  return {
    ...summary,
    syncs: summary.syncs.map((s) => ({ ...s, lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null })),
    expiries: expiries.map((e) => ({
      id: e.id,
      customerName: e.customerName,
      packageName: e.packageName,
      tier: e.tier,
      personId: e.personId,
      personName: e.personName,
      expiresAt: e.expiresAt.toISOString(),
    })),
    progress: opts.since ? { since: opts.since.toISOString(), done, total } : null,
  };
}
