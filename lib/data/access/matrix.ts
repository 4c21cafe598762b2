import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeWhere, containsText as contains, DAY_MS, daysLeft, urgencyOf, type AccessReader, type Urgency } from "./common";
import { MATRIX_FILTERS, type MatrixFilter } from "@/lib/access/matrix-params";

export { MATRIX_FILTERS, type MatrixFilter };

export interface MatrixQuery {
  /** matches staff name or email, or customer name or domain (case-insensitive) */
  search?: string;
  tier?: string;
  /** everyone, only staff with access in force, or only staff with access ending within 30 days */
  filter?: MatrixFilter;
  /** staff rows per page (default 50, at most 300) */
  limit?: number;
  offset?: number;
  /** customer columns per page (default 50, at most 1000) */
  customerLimit?: number;
  customerOffset?: number;
}

export interface MatrixCell {
  portalUserId: string;
  customerId: string;
  /** every tier in force, e.g. ["approvers", "tier1"] */
  tiers: string[];
  /** the soonest end among them (null: no end) */
  expiresAt: Date | null;
  daysLeft: number | null;
  urgency: Urgency;
}

export interface AccessMatrix {
  /** this page of staff rows, by name */
  staff: { id: string; name: string; email: string; role: string }[];
  totalStaff: number;
  /** this page of customer columns, by name */
  customers: { id: string; displayName: string; primaryDomain: string }[];
  totalCustomers: number;
  /** sparse: only pairs with access in force */
  cells: MatrixCell[];
  /** assignments in force whose target matched no portal user: listed, never dropped (first 500) */
  unmatched: { assignmentId: string; customerId: string; customerName: string; tier: string | null; packageName: string; targetName: string | null; targetEmail: string | null; expiresAt: Date | null }[];
  totalUnmatched: number;
}

/** A whole number within [min, max]; NaN, fractions or nothing give the default (Prisma refuses them). */
const bounded = (n: number | undefined, fallback: number, min: number, max: number) => (n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : fallback);

/**
 * Staff × customers with the tiers in force and days left in each cell, a page of staff rows and
 * of customer columns at a time: cells are aggregated in PostgreSQL, so cost follows the page.
 */
export async function accessMatrix(user: AccessReader, query: MatrixQuery = {}, now = new Date()): Promise<AccessMatrix> {
  requirePermission(user, "access:read-all");
  const workspaceId = user.workspace.id;
  const q = query.search?.trim() || undefined;
  const active = { ...activeWhere(workspaceId, now), ...(query.tier ? { tier: query.tier } : {}) };
  const filtered: Prisma.PortalUserWhereInput =
    query.filter === "with-access" ? { syncedAssignments: { some: active } }
    : query.filter === "expiring" ? { syncedAssignments: { some: { ...active, expiresAt: { gt: now, lte: new Date(now.getTime() + 30 * DAY_MS) } } } }
    : {};
  const customerWhere: Prisma.CustomerWhereInput = { workspaceId, tenantId: { not: null }, status: { notIn: ["offboarded"] } };
  const matchingCustomers = q ? await db.customer.findMany({ where: { ...customerWhere, OR: [{ displayName: contains(q) }, { primaryDomain: contains(q) }] }, select: { id: true } }) : [];
  // A search keeps the staff it names, and the staff with access to the customers it names.
  const staffWhere: Prisma.PortalUserWhereInput = {
    workspaceId,
    ...filtered,
    ...(q ? { OR: [{ name: contains(q) }, { email: contains(q) }, ...(matchingCustomers.length ? [{ syncedAssignments: { some: { ...active, customerId: { in: matchingCustomers.map((c) => c.id) } } } }] : [])] } : {}),
  };
  // A search narrows the columns to the customers it names, when it names any.
  const columnWhere: Prisma.CustomerWhereInput = matchingCustomers.length ? { ...customerWhere, id: { in: matchingCustomers.map((c) => c.id) } } : customerWhere;
  const [staff, totalStaff, customers, totalCustomers] = await Promise.all([
    db.portalUser.findMany({ where: staffWhere, select: { id: true, name: true, email: true, role: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: bounded(query.limit, 50, 1, 300), skip: bounded(query.offset, 0, 0, 1_000_000) }),
    db.portalUser.count({ where: staffWhere }),
    db.customer.findMany({ where: columnWhere, select: { id: true, displayName: true, primaryDomain: true }, orderBy: [{ displayName: "asc" }, { id: "asc" }], take: bounded(query.customerLimit, 50, 1, 1000), skip: bounded(query.customerOffset, 0, 0, 1_000_000) }),
    db.customer.count({ where: columnWhere }),
  ]);
  const staffMatched = (s: { name: string; email: string }) => !q || s.name.toLowerCase().includes(q.toLowerCase()) || s.email.toLowerCase().includes(q.toLowerCase());
  const searchCustomers = new Set(matchingCustomers.map((c) => c.id));
  // One row per (person, customer) with its tiers and soonest end, aggregated where the rows are.
  const groups = staff.length && customers.length
    ? await db.$queryRaw<{ portalUserId: string; customerId: string; tiers: string[]; expiresAt: Date | null }[]>`
        SELECT "portalUserId"::text AS "portalUserId", "customerId"::text AS "customerId",
               array_agg(DISTINCT coalesce(tier, "accessPackageName")) AS tiers, min("expiresAt") AS "expiresAt"
        FROM "SyncedAssignment"
        WHERE "workspaceId" = ${workspaceId}::uuid AND state = 'delivered' AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
          AND "portalUserId" = ANY(${staff.map((x) => x.id)}::uuid[]) AND "customerId" = ANY(${customers.map((c) => c.id)}::uuid[])
          AND (${query.tier ?? null}::text IS NULL OR tier = ${query.tier ?? null}::text)
        GROUP BY "portalUserId", "customerId"`
    : [];
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const cells = new Map<string, MatrixCell>();
  for (const g of groups) {
    const person = staffById.get(g.portalUserId);
    // With a search that named customers, a staff member found by them shows only those cells.
    if (!person || (q && !staffMatched(person) && !searchCustomers.has(g.customerId))) continue;
    cells.set(`${g.portalUserId}:${g.customerId}`, { portalUserId: g.portalUserId, customerId: g.customerId, tiers: g.tiers, expiresAt: g.expiresAt, daysLeft: null, urgency: "ok" });
  }
  for (const cell of cells.values()) {
    cell.tiers.sort();
    cell.daysLeft = cell.expiresAt ? daysLeft(cell.expiresAt, now) : null;
    cell.urgency = urgencyOf(cell.daysLeft);
  }
  const unmatchedWhere: Prisma.SyncedAssignmentWhereInput = {
    ...active, portalUserId: null,
    ...(q ? { OR: [{ targetDisplayName: contains(q) }, { targetEmail: contains(q) }, { customerId: { in: [...searchCustomers] } }] } : {}),
  };
  const [unmatchedRows, totalUnmatched] = await Promise.all([
    db.syncedAssignment.findMany({
      where: unmatchedWhere,
      select: { id: true, customerId: true, tier: true, accessPackageName: true, targetDisplayName: true, targetEmail: true, expiresAt: true, customer: { select: { displayName: true } } },
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: 500,
    }),
    db.syncedAssignment.count({ where: unmatchedWhere }),
  ]);
  return {
    staff, totalStaff, customers, totalCustomers,
    cells: [...cells.values()],
    unmatched: unmatchedRows.map((u) => ({ assignmentId: u.id, customerId: u.customerId, customerName: u.customer.displayName, tier: u.tier, packageName: u.accessPackageName, targetName: u.targetDisplayName, targetEmail: u.targetEmail, expiresAt: u.expiresAt })),
    totalUnmatched,
  };
}
