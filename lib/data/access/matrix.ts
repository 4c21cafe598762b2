import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import { compareNames } from "@/lib/utils/compare-names";
import { activeWhere, daysLeft, urgencyOf, type AccessReader, type Urgency } from "./common";

export interface MatrixQuery {
  /** matches staff name or email, or customer name or domain (case-insensitive) */
  search?: string;
  tier?: string;
}

export interface MatrixCell {
  portalUserId: string;
  customerId: string;
  /** every tier in force, e.g. ["tier1", "approvers"] */
  tiers: string[];
  /** the soonest end among them (null: no end) */
  expiresAt: Date | null;
  daysLeft: number | null;
  urgency: Urgency;
}

export interface AccessMatrix {
  staff: { id: string; name: string; email: string; role: string }[];
  customers: { id: string; displayName: string; primaryDomain: string }[];
  /** sparse: only pairs with access in force */
  cells: MatrixCell[];
  /** assignments in force whose target matched no portal user: listed, never dropped */
  unmatched: { assignmentId: string; customerId: string; customerName: string; tier: string | null; packageName: string; targetName: string | null; targetEmail: string | null; expiresAt: Date | null }[];
}

/** Staff × customers, with the tiers in force and days left in each cell. Admins only (dashboard:read + customers:read). */
export async function accessMatrix(user: AccessReader, query: MatrixQuery = {}, now = new Date()): Promise<AccessMatrix> {
  requirePermission(user, "customers:read");
  const workspaceId = user.workspace.id;
  const q = query.search?.trim();
  const [assignments, staffRows, customerRows] = await Promise.all([
    db.syncedAssignment.findMany({
      where: { ...activeWhere(workspaceId, now), ...(query.tier ? { tier: query.tier } : {}) },
      select: { id: true, portalUserId: true, customerId: true, tier: true, accessPackageName: true, targetDisplayName: true, targetEmail: true, expiresAt: true },
    }),
    db.portalUser.findMany({ where: { workspaceId }, select: { id: true, name: true, email: true, role: true } }),
    db.customer.findMany({ where: { workspaceId, tenantId: { not: null }, status: { notIn: ["offboarded"] } }, select: { id: true, displayName: true, primaryDomain: true } }),
  ]);
  const needle = q?.toLowerCase();
  const hit = (...values: (string | null)[]) => !needle || values.some((v) => v?.toLowerCase().includes(needle));
  const customerById = new Map(customerRows.map((c) => [c.id, c]));
  const staffById = new Map(staffRows.map((s) => [s.id, s]));
  const cells = new Map<string, MatrixCell>();
  const unmatched: AccessMatrix["unmatched"] = [];
  for (const a of assignments) {
    const customer = customerById.get(a.customerId);
    if (!customer) continue;
    if (!a.portalUserId) {
      if (hit(a.targetDisplayName, a.targetEmail, customer.displayName, customer.primaryDomain)) {
        unmatched.push({ assignmentId: a.id, customerId: a.customerId, customerName: customer.displayName, tier: a.tier, packageName: a.accessPackageName, targetName: a.targetDisplayName, targetEmail: a.targetEmail, expiresAt: a.expiresAt });
      }
      continue;
    }
    const staff = staffById.get(a.portalUserId);
    if (!staff || !hit(staff.name, staff.email, customer.displayName, customer.primaryDomain)) continue;
    const key = `${a.portalUserId}:${a.customerId}`;
    const cell = cells.get(key) ?? { portalUserId: a.portalUserId, customerId: a.customerId, tiers: [], expiresAt: null, daysLeft: null, urgency: "ok" as Urgency };
    cell.tiers.push(a.tier ?? a.accessPackageName);
    if (a.expiresAt && (!cell.expiresAt || a.expiresAt < cell.expiresAt)) cell.expiresAt = a.expiresAt;
    cells.set(key, cell);
  }
  for (const cell of cells.values()) {
    cell.tiers.sort();
    cell.daysLeft = cell.expiresAt ? daysLeft(cell.expiresAt, now) : null;
    cell.urgency = urgencyOf(cell.daysLeft);
  }
  // With a search, rows and columns are the ones that matched or hold a matching cell.
  const usedStaff = new Set([...cells.values()].map((c) => c.portalUserId));
  const usedCustomers = new Set([...cells.values()].map((c) => c.customerId));
  const staff = staffRows.filter((s) => !needle ? true : usedStaff.has(s.id) || hit(s.name, s.email)).sort((a, b) => compareNames(a.name, b.name));
  const customers = customerRows.filter((c) => !needle ? true : usedCustomers.has(c.id) || hit(c.displayName, c.primaryDomain)).sort((a, b) => compareNames(a.displayName, b.displayName));
  return { staff, customers, cells: [...cells.values()], unmatched };
}
