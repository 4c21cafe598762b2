import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, daysLeft, EXPIRY_WINDOWS, urgencyOf, type AccessReader, type ExpiryWindow, type Urgency } from "./common";

export const EXPIRY_SORTS = ["expires", "customer", "tier", "person"] as const;
export type ExpirySort = (typeof EXPIRY_SORTS)[number];

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

/**
 * The sort key of each order, as people read it (lower-cased: the database collates bytewise).
 * "expires" has none: the tie-breakers (expiresAt, id) order it, and its index serves them.
 */
const SORT_KEY: Record<ExpirySort, Prisma.Sql | null> = {
  expires: null,
  customer: Prisma.sql`lower(c."displayName")`,
  tier: Prisma.sql`lower(coalesce(a.tier, a."accessPackageName"))`,
  person: Prisma.sql`lower(coalesce(p.name, a."targetDisplayName", a."targetPrincipalName", ''))`,
};

/** Where a keyset page resumes: after the last row of the previous one. */
export interface ExpiryCursor { sortKey: string; expiresAt: Date; id: string }

/**
 * The expiry list as one statement (exported for the EXPLAIN checks): assignments delivered and
 * ending within the window, ordered by the sort key, then expiry, then id (a total order, so
 * keyset pages neither skip nor repeat a row).
 */
export function expiriesSql(workspaceId: string, withinDays: number, now: Date, sort: ExpirySort, page: { limit: number; offset?: number; after?: ExpiryCursor | null }): Prisma.Sql {
  if (!EXPIRY_WINDOWS.includes(withinDays as ExpiryWindow)) throw new Error(`The expiry window must be one of ${EXPIRY_WINDOWS.join(", ")} days.`);
  const key = SORT_KEY[sort];
  const until = new Date(now.getTime() + withinDays * DAY_MS);
  const after = !page.after ? Prisma.empty
    : key ? Prisma.sql`AND (${key}, a."expiresAt", a.id) > (${page.after.sortKey}::text, ${page.after.expiresAt}, ${page.after.id}::uuid)`
    : Prisma.sql`AND (a."expiresAt", a.id) > (${page.after.expiresAt}, ${page.after.id}::uuid)`;
  return Prisma.sql`
    SELECT a.id::text AS "assignmentId", a."customerId"::text AS "customerId", c."displayName" AS "customerName", a.tier, a."accessPackageName" AS "packageName",
           a."portalUserId"::text AS "portalUserId", coalesce(p.name, a."targetDisplayName", a."targetPrincipalName", 'Unknown') AS "personName",
           coalesce(p.email, a."targetEmail", a."targetPrincipalName") AS "personEmail", a."expiresAt", ${key ?? Prisma.sql`''`}::text AS "sortKey"
    FROM "SyncedAssignment" a
    JOIN "Customer" c ON c.id = a."customerId" AND c."workspaceId" = a."workspaceId"
    LEFT JOIN "PortalUser" p ON p.id = a."portalUserId" AND p."workspaceId" = a."workspaceId"
    WHERE a."workspaceId" = ${workspaceId}::uuid AND a.state = 'delivered' AND a."expiresAt" > ${now} AND a."expiresAt" <= ${until} ${after}
    ORDER BY ${key ? Prisma.sql`${key}, ` : Prisma.empty}a."expiresAt", a.id
    LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`;
}

export async function readExpiries(sql: Prisma.Sql, now: Date): Promise<(ExpiryRow & { cursor: ExpiryCursor })[]> {
  const rows = await db.$queryRaw<RawExpiry[]>(sql);
  return rows.map(({ sortKey, ...r }) => {
    const days = daysLeft(r.expiresAt, now);
    return { ...r, daysLeft: days, urgency: urgencyOf(days), cursor: { sortKey, expiresAt: r.expiresAt, id: r.assignmentId } };
  });
}

/** Assignments in force that end within the window, sorted as asked; total for paging. */
export async function upcomingExpiries(user: AccessReader, query: ExpiryQuery, now = new Date()): Promise<{ rows: ExpiryRow[]; total: number }> {
  requirePermission(user, "dashboard:read");
  const workspaceId = user.workspace.id;
  const sql = expiriesSql(workspaceId, query.withinDays, now, query.sort ?? "expires", { limit: Math.min(1000, Math.max(1, query.limit ?? 100)), offset: Math.max(0, query.offset ?? 0) });
  const [rows, total] = await Promise.all([
    readExpiries(sql, now),
    db.syncedAssignment.count({ where: { workspaceId, state: "delivered", expiresAt: { gt: now, lte: new Date(now.getTime() + query.withinDays * DAY_MS) } } }),
  ]);
  return { rows: rows.map(({ cursor: _cursor, ...r }) => r), total };
}
