import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, EXPIRY_WINDOWS, type ExpiryWindow } from "./common";

export const EXPIRY_SORTS = ["expires", "customer", "tier", "person"] as const;
export type ExpirySort = (typeof EXPIRY_SORTS)[number];

/** Where a keyset page resumes: after the last row of the previous one. */
export interface ExpiryCursor { sortKey: string; expiresAt: Date; id: string }

export interface ExpiryPage { limit: number; offset?: number; after?: ExpiryCursor | null }

interface Shape {
  /** the sort key, as people read it (lower-cased: the database collates bytewise) */
  key: Prisma.Sql;
  person: { name: Prisma.Sql; email: Prisma.Sql };
  /** FROM … JOIN …, with the aliases a (assignment) and c (customer) */
  from: Prisma.Sql;
  /** extra conditions on a */
  where?: Prisma.Sql;
}

const MATCHED_OR_GUEST = {
  name: Prisma.sql`coalesce(p.name, a."targetDisplayName", a."targetPrincipalName", 'Unknown')`,
  email: Prisma.sql`coalesce(p.email, a."targetEmail", a."targetPrincipalName")`,
};
const GUEST = {
  name: Prisma.sql`coalesce(a."targetDisplayName", a."targetPrincipalName", 'Unknown')`,
  email: Prisma.sql`coalesce(a."targetEmail", a."targetPrincipalName")`,
};
const GUEST_KEY = Prisma.sql`lower(coalesce(a."targetDisplayName", a."targetPrincipalName", ''))`;

/** One ordered SELECT of the assignments in force ending within (now, until], resuming after the cursor. */
function ordered(shape: Shape, workspaceId: string, now: Date, until: Date, page: ExpiryPage, keyed: boolean): Prisma.Sql {
  const tail = keyed ? Prisma.sql`${shape.key}, ` : Prisma.empty;
  const after = !page.after ? Prisma.empty
    : keyed ? Prisma.sql`AND (${shape.key}, a."expiresAt", a.id) > (${page.after.sortKey}::text, ${page.after.expiresAt}, ${page.after.id}::uuid)`
    : Prisma.sql`AND (a."expiresAt", a.id) > (${page.after.expiresAt}, ${page.after.id}::uuid)`;
  return Prisma.sql`
    SELECT a.id::text AS "assignmentId", a."customerId"::text AS "customerId", c."displayName" AS "customerName", a.tier, a."accessPackageName" AS "packageName",
           a."portalUserId"::text AS "portalUserId", ${shape.person.name} AS "personName", ${shape.person.email} AS "personEmail", a."expiresAt",
           ${keyed ? shape.key : Prisma.sql`''`}::text AS "sortKey"
    FROM ${shape.from}
    WHERE a."workspaceId" = ${workspaceId}::uuid AND a.state = 'delivered' AND a."expiresAt" > ${now} AND a."expiresAt" <= ${until} ${shape.where ?? Prisma.empty} ${after}
    ORDER BY ${tail}a."expiresAt", a.id
    LIMIT ${page.limit + (page.offset ?? 0)}`;
}

const customerJoin = (workspaceId: string) => Prisma.sql`"SyncedAssignment" a JOIN "Customer" c ON c.id = a."customerId" AND c."workspaceId" = ${workspaceId}::uuid`;
const staffJoin = (workspaceId: string) => Prisma.sql`LEFT JOIN "PortalUser" p ON p.id = a."portalUserId" AND p."workspaceId" = ${workspaceId}::uuid`;

/**
 * The rows of a small table (Customer, PortalUser) in the workspace, ordered by their lower-cased
 * name, from the cursor's key on. Sorting ≤ a few thousand names is cheap, and the planner then
 * walks them in order and reaches each one's assignments by index, so a page of 100 reads about
 * 100 assignments instead of sorting every one in the window.
 */
const byName = (table: "Customer" | "PortalUser", name: "displayName" | "name", columns: Prisma.Sql, workspaceId: string, after: ExpiryCursor | null | undefined) => Prisma.sql`
  (SELECT ${columns}, lower(${Prisma.raw(`"${name}"`)}) AS k FROM ${Prisma.raw(`"${table}"`)}
   WHERE "workspaceId" = ${workspaceId}::uuid ${after ? Prisma.sql`AND lower(${Prisma.raw(`"${name}"`)}) >= ${after.sortKey}::text` : Prisma.empty}
   ORDER BY k)`;

/**
 * The expiry list as one statement (exported for the EXPLAIN checks): assignments delivered and
 * ending within the window, ordered by the sort key, then expiry, then id (a total order, so
 * keyset pages neither skip nor repeat a row). Each sort has the shape its index serves:
 * - expires: the (workspaceId, state, expiresAt) index, in order;
 * - customer: customers by name, each one's assignments by (workspaceId, customerId, expiresAt);
 * - person: staff by name, each one's assignments by (workspaceId, portalUserId, expiresAt),
 *   merged with the unmatched guests (portalUserId null, the same index), each side limited;
 * - tier: a handful of distinct keys; the window's rows are sorted.
 */
export function expiriesSql(workspaceId: string, withinDays: number, now: Date, sort: ExpirySort, page: ExpiryPage): Prisma.Sql {
  if (!EXPIRY_WINDOWS.includes(withinDays as ExpiryWindow)) throw new Error(`The expiry window must be one of ${EXPIRY_WINDOWS.join(", ")} days.`);
  const until = new Date(now.getTime() + withinDays * DAY_MS);
  const paged = (sql: Prisma.Sql) => Prisma.sql`${sql} OFFSET ${page.offset ?? 0}`;
  const plain = Prisma.sql`${customerJoin(workspaceId)} ${staffJoin(workspaceId)}`;
  switch (sort) {
    case "expires":
      return paged(ordered({ key: Prisma.empty, person: MATCHED_OR_GUEST, from: plain }, workspaceId, now, until, { ...page, offset: 0 }, false));
    case "tier":
      return paged(ordered({ key: Prisma.sql`lower(coalesce(a.tier, a."accessPackageName"))`, person: MATCHED_OR_GUEST, from: plain }, workspaceId, now, until, { ...page, offset: 0 }, true));
    case "customer": {
      const from = Prisma.sql`${byName("Customer", "displayName", Prisma.sql`id, "displayName"`, workspaceId, page.after)} c
        JOIN "SyncedAssignment" a ON a."customerId" = c.id AND a."workspaceId" = ${workspaceId}::uuid ${staffJoin(workspaceId)}`;
      return paged(ordered({ key: Prisma.sql`c.k`, person: MATCHED_OR_GUEST, from }, workspaceId, now, until, { ...page, offset: 0 }, true));
    }
    case "person": {
      // Staff sort by their portal name, unmatched guests by what Graph calls them: two ordered
      // halves, each cut at the page's end, then merged.
      const staff = Prisma.sql`${byName("PortalUser", "name", Prisma.sql`id, name, email`, workspaceId, page.after)} p
        JOIN "SyncedAssignment" a ON a."portalUserId" = p.id AND a."workspaceId" = ${workspaceId}::uuid
        JOIN "Customer" c ON c.id = a."customerId" AND c."workspaceId" = ${workspaceId}::uuid`;
      const matched = ordered({ key: Prisma.sql`p.k`, person: { name: Prisma.sql`p.name`, email: Prisma.sql`p.email` }, from: staff }, workspaceId, now, until, page, true);
      const guests = ordered({ key: GUEST_KEY, person: GUEST, from: customerJoin(workspaceId), where: Prisma.sql`AND a."portalUserId" IS NULL` }, workspaceId, now, until, page, true);
      return Prisma.sql`
        SELECT * FROM ((${matched}) UNION ALL (${guests})) x
        ORDER BY "sortKey", "expiresAt", "assignmentId"::uuid
        LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`;
    }
  }
}
