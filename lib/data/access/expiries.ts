import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, daysLeft, urgencyOf, type AccessReader, type ExpiryWindow, type Urgency } from "./common";
import { EXPIRY_SORTS, expiriesSql, type ExpiryCursor, type ExpirySort } from "./expiries-sql";

export { EXPIRY_SORTS, expiriesSql, type ExpiryCursor, type ExpirySort } from "./expiries-sql";

/** Reads a sort from a query string value; anything else sorts by expiry. */
export function parseExpirySort(value: unknown): ExpirySort {
  return (EXPIRY_SORTS as readonly unknown[]).includes(value) ? (value as ExpirySort) : "expires";
}

export interface ExpiryQuery {
  withinDays: ExpiryWindow;
  sort?: ExpirySort;
  /** page size (default 100, at most 1000) and offset for the UI's pages */
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
  /** the matched staff member's portal name, else what Graph calls the guest */
  personName: string;
  personEmail: string | null;
  expiresAt: Date;
  daysLeft: number;
  urgency: Urgency;
}

interface RawExpiry { assignmentId: string; customerId: string; customerName: string; tier: string | null; packageName: string; portalUserId: string | null; personName: string; personEmail: string | null; expiresAt: Date; sortKey: string }

export async function readExpiries(sql: Prisma.Sql, now: Date): Promise<(ExpiryRow & { cursor: ExpiryCursor })[]> {
  const rows = await db.$queryRaw<RawExpiry[]>(sql);
  return rows.map(({ sortKey, ...r }) => {
    const days = daysLeft(r.expiresAt, now);
    return { ...r, daysLeft: days, urgency: urgencyOf(days), cursor: { sortKey, expiresAt: r.expiresAt, id: r.assignmentId } };
  });
}

/** How many assignments in force end within the window (an index-only range count). */
export function countExpiries(workspaceId: string, withinDays: ExpiryWindow, now: Date): Promise<number> {
  return db.syncedAssignment.count({ where: { workspaceId, state: "delivered", expiresAt: { gt: now, lte: new Date(now.getTime() + withinDays * DAY_MS) } } });
}

/** A page of the assignments in force that end within the window, sorted as asked. */
export async function expiryRows(user: AccessReader, query: ExpiryQuery, now = new Date()): Promise<ExpiryRow[]> {
  requirePermission(user, "dashboard:read");
  const sql = expiriesSql(user.workspace.id, query.withinDays, now, query.sort ?? "expires", { limit: Math.min(1000, Math.max(1, query.limit ?? 100)), offset: Math.max(0, query.offset ?? 0) });
  return (await readExpiries(sql, now)).map(({ cursor: _cursor, ...r }) => r);
}

/** Assignments in force that end within the window, sorted as asked; total for paging. */
export async function upcomingExpiries(user: AccessReader, query: ExpiryQuery, now = new Date()): Promise<{ rows: ExpiryRow[]; total: number }> {
  requirePermission(user, "dashboard:read");
  const [rows, total] = await Promise.all([expiryRows(user, query, now), countExpiries(user.workspace.id, query.withinDays, now)]);
  return { rows, total };
}
