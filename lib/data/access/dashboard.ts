import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import { weeklyBuckets, WEEK_MS } from "@/lib/access/urgency";
import { activeWhere, DAY_MS, PENDING_STATES, type AccessReader } from "./common";

export interface DashboardCounts {
  activeCustomers: number;
  /** distinct matched staff with at least one assignment in force */
  staffWithAccess: number;
  pendingApprovals: number;
  expiringIn30Days: number;
}

export async function dashboardCounts(user: AccessReader, now = new Date()): Promise<DashboardCounts> {
  requirePermission(user, "dashboard:read");
  const workspaceId = user.workspace.id;
  const [activeCustomers, staff, pendingApprovals, expiringIn30Days] = await Promise.all([
    db.customer.count({ where: { workspaceId, status: "active" } }),
    // One index probe per staff member ((workspaceId, portalUserId)), not a scan of every assignment.
    db.portalUser.count({ where: { workspaceId, syncedAssignments: { some: activeWhere(workspaceId, now) } } }),
    db.syncedRequest.count({ where: { workspaceId, state: { in: PENDING_STATES } } }),
    db.syncedAssignment.count({ where: { workspaceId, state: "delivered", expiresAt: { gt: now, lte: new Date(now.getTime() + 30 * DAY_MS) } } }),
  ]);
  return { activeCustomers, staffWithAccess: staff, pendingApprovals, expiringIn30Days };
}

export interface ExpiryWeek {
  /** "Week 1" … "Week 13" */
  label: string;
  startsAt: Date;
  count: number;
}

/**
 * Assignments in force ending in each week of the next `days` days (week 1 starts now; an expiry
 * exactly on a boundary belongs to the earlier week), counted in PostgreSQL: the page never loads
 * the expiries themselves. One index-only range count per week: cheaper than computing and
 * grouping a week number for each of the window's rows (22,000 at the benchmark's size).
 */
export async function expiriesPerWeek(user: AccessReader, now = new Date(), days = 90): Promise<ExpiryWeek[]> {
  requirePermission(user, "dashboard:read");
  const until = new Date(now.getTime() + days * DAY_MS);
  const rows = await db.$queryRaw<{ week: number; count: bigint }[]>`
    SELECT w AS week, (
      SELECT count(*) FROM "SyncedAssignment"
      WHERE "workspaceId" = ${user.workspace.id}::uuid AND state = 'delivered'
        AND "expiresAt" > ${now}::timestamp + w * ${WEEK_MS / 1000} * interval '1 second'
        AND "expiresAt" <= least(${now}::timestamp + (w + 1) * ${WEEK_MS / 1000} * interval '1 second', ${until}::timestamp)
    ) AS count
    FROM generate_series(0, ${Math.ceil(days / 7) - 1}::int) w`;
  return weeklyBuckets(new Map(rows.map((r) => [r.week, Number(r.count)])), now, days);
}

export type AttentionCode = "consent_missing" | "drift" | "sync_failing" | "manual_action";

export interface CustomerAttention {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  reasons: { code: AttentionCode; text: string }[];
}

/** Customers someone has to act on, each with every reason in plain words. */
export async function customersNeedingAttention(user: AccessReader): Promise<CustomerAttention[]> {
  requirePermission(user, "dashboard:read");
  const workspaceId = user.workspace.id;
  const rows = await db.customer.findMany({
    where: {
      workspaceId,
      status: { notIn: ["offboarding", "offboarded"] },
      OR: [
        { status: { in: ["invited", "needs_attention"] } },
        { sync: { failures: { gt: 0 } } },
        { provisioningRuns: { some: { steps: { some: { status: "needs_manual_action" } } } } },
      ],
    },
    select: {
      id: true, displayName: true, primaryDomain: true, status: true, attentionReason: true,
      sync: { select: { failures: true, failureReason: true } },
      provisioningRuns: { orderBy: { createdAt: "desc" }, take: 1, select: { steps: { where: { status: "needs_manual_action" }, select: { title: true } } } },
    },
    orderBy: { displayName: "asc" },
  });
  const out: CustomerAttention[] = [];
  for (const c of rows) {
    const reasons: CustomerAttention["reasons"] = [];
    if (c.status === "invited") reasons.push({ code: "consent_missing", text: "The customer's administrator has not granted consent yet." });
    if (c.status === "needs_attention") reasons.push({ code: "drift", text: c.attentionReason ?? "The tenant no longer matches the blueprint." });
    if (c.sync && c.sync.failures > 0) reasons.push({ code: "sync_failing", text: c.sync.failureReason ?? "The last sync failed." });
    // Only the latest run's open manual steps count: a later run supersedes older checklists.
    const manual = c.provisioningRuns[0]?.steps ?? [];
    if (manual.length) reasons.push({ code: "manual_action", text: `Manual action open: ${manual.map((s) => s.title).join("; ")}` });
    if (reasons.length) out.push({ customerId: c.id, displayName: c.displayName, primaryDomain: c.primaryDomain, reasons });
  }
  return out;
}

export interface CustomerSyncState {
  customerId: string;
  displayName: string;
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  failures: number;
  failureReason: string | null;
  nextSyncAt: Date | null;
}

/** The last successful sync per customer (never-synced customers included, with nulls). */
export async function lastSyncs(user: AccessReader): Promise<CustomerSyncState[]> {
  requirePermission(user, "dashboard:read");
  const rows = await db.customer.findMany({
    where: { workspaceId: user.workspace.id, tenantId: { not: null }, status: { notIn: ["offboarded"] } },
    select: { id: true, displayName: true, sync: { select: { lastSuccessAt: true, lastAttemptAt: true, failures: true, failureReason: true, nextSyncAt: true } } },
    orderBy: { displayName: "asc" },
  });
  return rows.map((c) => ({
    customerId: c.id, displayName: c.displayName,
    lastSuccessAt: c.sync?.lastSuccessAt ?? null, lastAttemptAt: c.sync?.lastAttemptAt ?? null,
    failures: c.sync?.failures ?? 0, failureReason: c.sync?.failureReason ?? null, nextSyncAt: c.sync?.nextSyncAt ?? null,
  }));
}
