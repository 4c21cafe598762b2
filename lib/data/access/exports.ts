import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeWhere, containsText as contains, DAY_MS, daysLeft, type AccessReader, type ExpiryWindow } from "./common";
import type { CsvRow } from "./csv";
import { expiriesSql, readExpiries, type ExpiryCursor, type ExpirySort } from "./expiries";
import type { MatrixQuery } from "./matrix";

const BATCH = 2000;
// The first batch is small, so the download starts after a query of milliseconds; the rest
// follow in large batches.
const FIRST_BATCH = 100;

export const EXPIRY_CSV_HEADER = ["Customer", "Person", "Email", "Staff member", "Tier", "Access package", "Expires (UTC)", "Days left"];
export const MATRIX_CSV_HEADER = ["Person", "Email", "Staff member", "Customer", "Domain", "Tier", "Access package", "Expires (UTC)", "Days left"];

/**
 * The expiry list in the dashboard's order, read in keyset batches (sort key, expiry, id), so
 * memory stays flat and the first row comes after one small query. The permission is checked
 * before the stream starts, so a refusal is a 403, not a broken download.
 */
export function expiriesCsv(user: AccessReader, withinDays: ExpiryWindow, sort: ExpirySort = "expires", now = new Date()): AsyncGenerator<CsvRow> {
  requirePermission(user, "dashboard:read");
  const workspaceId = user.workspace.id;
  // Builds (and so validates) the first statement now, for the same reason.
  const first = expiriesSql(workspaceId, withinDays, now, sort, { limit: FIRST_BATCH });
  return (async function* () {
    let [sql, size] = [first, FIRST_BATCH];
    for (;;) {
      const rows = await readExpiries(sql, now);
      for (const r of rows) yield [r.customerName, r.personName, r.personEmail, r.portalUserId ? "yes" : "no", r.tier, r.packageName, r.expiresAt, r.daysLeft];
      if (rows.length < size) return;
      const after: ExpiryCursor = rows[rows.length - 1]!.cursor;
      [sql, size] = [expiriesSql(workspaceId, withinDays, now, sort, { limit: BATCH, after }), BATCH];
    }
  })();
}

/**
 * The access matrix flattened, one line per assignment in force (unmatched guests included), for
 * the page's search, tier and filter ("expiring" keeps what ends within 30 days). Keyset batches
 * by id keep memory flat.
 */
export function matrixCsv(user: AccessReader, query: Pick<MatrixQuery, "search" | "tier" | "filter"> = {}, now = new Date()): AsyncGenerator<CsvRow> {
  requirePermission(user, "access:read-all");
  const workspaceId = user.workspace.id;
  const q = query.search?.trim() || undefined;
  const base: Prisma.SyncedAssignmentWhereInput = {
    ...activeWhere(workspaceId, now),
    ...(query.tier ? { tier: query.tier } : {}),
    ...(query.filter === "expiring" ? { expiresAt: { gt: now, lte: new Date(now.getTime() + 30 * DAY_MS) } } : {}),
  };
  return (async function* () {
    // The search names staff and customers first (small tables, trigram indexes), so the large
    // table is reached by id through its indexes rather than joined row by row.
    let where = base;
    if (q) {
      const [staff, customers] = await Promise.all([
        db.portalUser.findMany({ where: { workspaceId, OR: [{ name: contains(q) }, { email: contains(q) }] }, select: { id: true } }),
        db.customer.findMany({ where: { workspaceId, OR: [{ displayName: contains(q) }, { primaryDomain: contains(q) }] }, select: { id: true } }),
      ]);
      where = { AND: [base, { OR: [{ portalUserId: { in: staff.map((s) => s.id) } }, { customerId: { in: customers.map((c) => c.id) } }, { targetDisplayName: contains(q) }, { targetEmail: contains(q) }] }] };
    }
    let afterId: string | null = null;
    for (let size = FIRST_BATCH; ; size = BATCH) {
      const rows: { id: string; tier: string | null; accessPackageName: string; targetDisplayName: string | null; targetEmail: string | null; expiresAt: Date | null; portalUser: { name: string; email: string } | null; customer: { displayName: string; primaryDomain: string } }[] = await db.syncedAssignment.findMany({
        where: afterId ? { AND: [where, { id: { gt: afterId } }] } : where,
        select: { id: true, tier: true, accessPackageName: true, targetDisplayName: true, targetEmail: true, expiresAt: true, portalUser: { select: { name: true, email: true } }, customer: { select: { displayName: true, primaryDomain: true } } },
        orderBy: { id: "asc" },
        take: size,
      });
      for (const r of rows) {
        yield [r.portalUser?.name ?? r.targetDisplayName, r.portalUser?.email ?? r.targetEmail, r.portalUser ? "yes" : "no", r.customer.displayName, r.customer.primaryDomain, r.tier, r.accessPackageName, r.expiresAt, r.expiresAt ? daysLeft(r.expiresAt, now) : null];
      }
      if (rows.length < size) return;
      afterId = rows[rows.length - 1]!.id;
    }
  })();
}
