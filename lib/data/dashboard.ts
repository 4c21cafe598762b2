import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { weeklyExpiryBuckets } from "@/lib/access/urgency";
import { PENDING_REQUEST_STATES } from "./access-views";

const DAY_MS = 86_400_000;

export interface DashboardCounts {
  activeCustomers: number;
  staffWithAccess: number;
  pendingApprovals: number;
  expiringIn30Days: number;
}

export interface AttentionItem {
  customerId: string;
  displayName: string;
  reason: string;
}

export interface CustomerSyncItem {
  customerId: string;
  displayName: string;
  lastSuccessAt: Date | null;
  failureReason: string | null;
}

export interface DashboardSummary {
  counts: DashboardCounts;
  attention: AttentionItem[];
  syncs: CustomerSyncItem[];
  chart: { label: string; startsAt: string; count: number }[];
  generatedAt: string;
}

/** Everything on the dashboard except the expiry list (its own reader, filtered and sorted). */
export async function getDashboardSummary(user: CurrentUser, now = new Date()): Promise<DashboardSummary> {
  requirePermission(user, "dashboard:read");
  const workspaceId = user.workspace.id;
  const in30 = new Date(now.getTime() + 30 * DAY_MS);
  const in90 = new Date(now.getTime() + 90 * DAY_MS);
  const active = { workspaceId, state: "delivered", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [activeCustomers, staff, pendingApprovals, expiringIn30Days, customers, upcoming] = await Promise.all([
    db.customer.count({ where: { workspaceId, status: "active" } }),
    db.syncedAssignment.findMany({ where: { ...active, portalUserId: { not: null } }, select: { portalUserId: true }, distinct: ["portalUserId"] }),
    db.syncedRequest.count({ where: { workspaceId, state: { in: PENDING_REQUEST_STATES } } }),
    db.syncedAssignment.count({ where: { workspaceId, state: "delivered", expiresAt: { gt: now, lte: in30 } } }),
    db.customer.findMany({
      where: { workspaceId, status: { notIn: ["offboarded"] } },
      select: {
        id: true,
        displayName: true,
        status: true,
        attentionReason: true,
        tenantId: true,
        sync: { select: { lastSuccessAt: true, failureReason: true } },
      },
      orderBy: { displayName: "asc" },
    }),
    db.syncedAssignment.findMany({ where: { workspaceId, state: "delivered", expiresAt: { gt: now, lte: in90 } }, select: { expiresAt: true } }),
  ]);
  const attention: AttentionItem[] = [];
  for (const c of customers) {
    const reason = attentionReason(c);
    if (reason) attention.push({ customerId: c.id, displayName: c.displayName, reason });
  }
  return {
    counts: { activeCustomers, staffWithAccess: staff.length, pendingApprovals, expiringIn30Days },
    attention,
    syncs: customers
      .filter((c) => c.tenantId !== null)
      .map((c) => ({ customerId: c.id, displayName: c.displayName, lastSuccessAt: c.sync?.lastSuccessAt ?? null, failureReason: c.sync?.failureReason ?? null })),
    chart: weeklyExpiryBuckets(upcoming.map((u) => u.expiresAt!), now).map((b) => ({ ...b, startsAt: b.startsAt.toISOString() })),
    generatedAt: now.toISOString(),
  };
}

/** Why a customer needs someone to look at it, or null. Consent first: nothing else works without it. */
function attentionReason(c: {
  status: string;
  attentionReason: string | null;
  tenantId: string | null;
  sync: { failureReason: string | null } | null;
}): string | null {
  if (c.status === "invited" || c.tenantId === null) return "Consent missing: the customer's admin has not granted consent yet.";
  if (c.status === "needs_attention") return c.attentionReason ?? "Needs attention: a manual action or drift is open.";
  if (c.sync?.failureReason) return `Sync failing: ${c.sync.failureReason}`;
  return null;
}
