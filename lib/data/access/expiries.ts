import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, daysLeft, urgencyOf, type AccessReader, type Urgency } from "./common";

export const EXPIRY_WINDOWS = [7, 30, 60, 90] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number];
export const EXPIRY_SORTS = ["expiresAt", "customer", "tier", "person"] as const;
export type ExpirySort = (typeof EXPIRY_SORTS)[number];

export interface ExpiryQuery {
  withinDays: ExpiryWindow;
  sort?: ExpirySort;
  direction?: "asc" | "desc";
  /** page size (default 100, at most 1000) and keyset-free offset for the UI's pages */
  limit?: number;
  offset?: number;
}

export interface ExpiryRow {
  assignmentId: string;
  customerId: string;
  customerName: string;
  tier: string | null;
  packageName: string;
  portalUserId: string | null;
  personName: string;
  personEmail: string | null;
  expiresAt: Date;
  daysLeft: number;
  urgency: Urgency;
}

export const expirySelect = {
  id: true, customerId: true, tier: true, accessPackageName: true, portalUserId: true, targetDisplayName: true, targetEmail: true, targetPrincipalName: true, expiresAt: true,
  customer: { select: { displayName: true } },
  portalUser: { select: { name: true, email: true } },
} satisfies Prisma.SyncedAssignmentSelect;

export function expiryWhere(workspaceId: string, withinDays: number, now: Date): Prisma.SyncedAssignmentWhereInput {
  return { workspaceId, state: "delivered", expiresAt: { gt: now, lte: new Date(now.getTime() + withinDays * DAY_MS) } };
}

function orderOf(sort: ExpirySort, dir: "asc" | "desc"): Prisma.SyncedAssignmentOrderByWithRelationInput[] {
  switch (sort) {
    case "customer": return [{ customer: { displayName: dir } }, { expiresAt: "asc" }, { id: "asc" }];
    case "tier": return [{ tier: { sort: dir, nulls: "last" } }, { expiresAt: "asc" }, { id: "asc" }];
    case "person": return [{ targetDisplayName: { sort: dir, nulls: "last" } }, { expiresAt: "asc" }, { id: "asc" }];
    default: return [{ expiresAt: dir }, { id: "asc" }];
  }
}

export function toExpiryRow(a: Prisma.SyncedAssignmentGetPayload<{ select: typeof expirySelect }>, now: Date): ExpiryRow {
  const days = daysLeft(a.expiresAt!, now);
  return {
    assignmentId: a.id, customerId: a.customerId, customerName: a.customer.displayName, tier: a.tier, packageName: a.accessPackageName,
    portalUserId: a.portalUserId,
    // The matched staff member's portal name wins; an unmatched guest shows what Graph calls it.
    personName: a.portalUser?.name ?? a.targetDisplayName ?? a.targetPrincipalName ?? "Unknown",
    personEmail: a.portalUser?.email ?? a.targetEmail,
    expiresAt: a.expiresAt!, daysLeft: days, urgency: urgencyOf(days),
  };
}

/** Assignments in force that end within the window, sorted as asked; total for paging. */
export async function upcomingExpiries(user: AccessReader, query: ExpiryQuery, now = new Date()): Promise<{ rows: ExpiryRow[]; total: number }> {
  requirePermission(user, "dashboard:read");
  if (!EXPIRY_WINDOWS.includes(query.withinDays)) throw new Error(`The expiry window must be one of ${EXPIRY_WINDOWS.join(", ")} days.`);
  const where = expiryWhere(user.workspace.id, query.withinDays, now);
  const take = Math.min(1000, Math.max(1, query.limit ?? 100));
  const [rows, total] = await Promise.all([
    db.syncedAssignment.findMany({ where, select: expirySelect, orderBy: orderOf(query.sort ?? "expiresAt", query.direction ?? "asc"), take, skip: Math.max(0, query.offset ?? 0) }),
    db.syncedAssignment.count({ where }),
  ]);
  return { rows: rows.map((r) => toExpiryRow(r, now)), total };
}
