import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { actionsMatching } from "@/components/audit/wording";
import { dateRange, decodeCursor, encodeCursor, type AuditCursor, type AuditQuery } from "./audit-query";

export interface AuditEventDto {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
  /** More than 1 when identical refusals were collapsed into this event (lib/audit/record.ts). */
  repeatCount: number;
  lastAt: Date;
}

export const AUDIT_PAGE_SIZE = 50;

/** Events about one record (the customer page's history), newest first. */
export async function listAuditEvents(
  user: CurrentUser,
  options: { target?: string; limit?: number } = {},
): Promise<AuditEventDto[]> {
  requirePermission(user, "audit:read");
  return db.auditEvent.findMany({
    where: { workspaceId: user.workspace.id, ...(options.target ? { target: options.target } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? 200, 500),
    select: { id: true, at: true, actor: true, action: true, target: true, details: true, repeatCount: true, lastAt: true },
  });
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE clause for a query, always inside the user's workspace. Free text matches the
 * action's wording, the actor's name, the customer's name, the target and the details.
 */
async function whereClause(user: CurrentUser, query: AuditQuery): Promise<Prisma.Sql> {
  const workspaceId = user.workspace.id;
  const parts: Prisma.Sql[] = [Prisma.sql`"workspaceId" = ${workspaceId}::uuid`];
  if (query.actor) parts.push(Prisma.sql`"actor" = ${query.actor}`);
  if (query.action) parts.push(Prisma.sql`"action" = ${query.action}`);
  if (query.customer) parts.push(Prisma.sql`"target" = ${`customer:${query.customer}`}`);
  const range = dateRange(query);
  if (range.from) parts.push(Prisma.sql`"at" >= ${range.from}`);
  if (range.to) parts.push(Prisma.sql`"at" < ${range.to}`);
  if (query.q) {
    const pattern = likePattern(query.q);
    // Prisma's `contains` leaves % and _ unescaped, so the names are checked again here.
    const needle = query.q.toLowerCase();
    const [foundPeople, foundCustomers, present] = await Promise.all([
      db.portalUser.findMany({ where: { workspaceId, name: { contains: query.q, mode: "insensitive" } }, select: { objectId: true, name: true }, take: 500 }),
      db.customer.findMany({ where: { workspaceId, displayName: { contains: query.q, mode: "insensitive" } }, select: { id: true, displayName: true }, take: 500 }),
      distinctActions(user),
    ]);
    const people = foundPeople.filter((p) => p.name.toLowerCase().includes(needle));
    const customers = foundCustomers.filter((c) => c.displayName.toLowerCase().includes(needle));
    const any: Prisma.Sql[] = [
      Prisma.sql`"actor" ILIKE ${pattern}`,
      Prisma.sql`"target" ILIKE ${pattern}`,
      Prisma.sql`"details"::text ILIKE ${pattern}`,
    ];
    const actions = actionsMatching(query.q, present);
    if (actions.length) any.push(Prisma.sql`"action" IN (${Prisma.join(actions)})`);
    if (people.length) any.push(Prisma.sql`"actor" IN (${Prisma.join(people.map((p) => `user:${p.objectId}`))})`);
    if (customers.length) any.push(Prisma.sql`"target" IN (${Prisma.join(customers.map((c) => `customer:${c.id}`))})`);
    parts.push(Prisma.sql`(${Prisma.join(any, " OR ")})`);
  }
  return Prisma.join(parts, " AND ");
}

const COLUMNS = Prisma.sql`"id", "at", "actor", "action", "target", "details"`;

async function fetchRows(where: Prisma.Sql, cursor: AuditCursor | null, direction: "older" | "newer", limit: number): Promise<AuditEventDto[]> {
  const position = !cursor
    ? Prisma.empty
    : direction === "older"
      ? Prisma.sql` AND ("at", "id") < (${cursor.at}, ${cursor.id}::uuid)`
      : Prisma.sql` AND ("at", "id") > (${cursor.at}, ${cursor.id}::uuid)`;
  const order = direction === "older" ? Prisma.sql`"at" DESC, "id" DESC` : Prisma.sql`"at" ASC, "id" ASC`;
  const rows = await db.$queryRaw<AuditEventDto[]>`SELECT ${COLUMNS} FROM "AuditEvent" WHERE ${where}${position} ORDER BY ${order} LIMIT ${limit}`;
  return direction === "older" ? rows : rows.reverse();
}

export interface AuditPage {
  events: AuditEventDto[];
  /** Events matching the filters, on every page. */
  total: number;
  /** Cursor for the next older page, when there is one. */
  older: string | null;
  /** Cursor for the next newer page, when this is not the first page. */
  newer: string | null;
}

/** One page of the workspace's events matching the query, newest first, with the total count. */
export async function listAuditPage(user: CurrentUser, query: AuditQuery, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  requirePermission(user, "audit:read");
  const where = await whereClause(user, query);
  const cursor = decodeCursor(query.cursor);
  const direction = cursor ? (query.dir ?? "older") : "older";
  const [rows, counted] = await Promise.all([
    fetchRows(where, cursor, direction, pageSize + 1),
    db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM "AuditEvent" WHERE ${where}`,
  ]);
  // One row beyond the page tells whether more exist in the direction of travel.
  const more = rows.length > pageSize;
  const events = direction === "older" ? rows.slice(0, pageSize) : rows.slice(rows.length - Math.min(rows.length, pageSize));
  const first = events[0];
  const last = events[events.length - 1];
  const hasOlder = direction === "older" ? more : true;
  const hasNewer = direction === "older" ? cursor !== null : more;
  return {
    events,
    total: Number(counted[0]?.total ?? 0),
    older: hasOlder && last ? encodeCursor(last) : null,
    newer: hasNewer && first ? encodeCursor(first) : null,
  };
}

/**
 * Every event matching the query, oldest pages last, read in batches by cursor so an export of
 * any size never sits in memory at once.
 */
export async function* streamAuditEvents(user: CurrentUser, query: AuditQuery, batchSize = 500): AsyncGenerator<AuditEventDto[]> {
  requirePermission(user, "audit:read");
  const where = await whereClause(user, query);
  let cursor: AuditCursor | null = null;
  for (;;) {
    const rows = await fetchRows(where, cursor, "older", batchSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!;
  }
}

/** The actions recorded in this workspace, for the action filter and the search. */
export async function distinctActions(user: CurrentUser): Promise<string[]> {
  requirePermission(user, "audit:read");
  const rows = await db.auditEvent.findMany({
    where: { workspaceId: user.workspace.id },
    distinct: ["action"],
    select: { action: true },
  });
  return rows.map((r) => r.action).sort();
}

/** The people and services that acted in this workspace, for the person filter. */
export async function distinctActors(user: CurrentUser): Promise<string[]> {
  requirePermission(user, "audit:read");
  const rows = await db.auditEvent.findMany({
    where: { workspaceId: user.workspace.id },
    distinct: ["actor"],
    select: { actor: true },
    take: 500,
  });
  return rows.map((r) => r.actor);
}

/** Display names for the actors of a page of events, resolved within the workspace only. */
export async function actorNames(user: CurrentUser, actors: string[]): Promise<Map<string, string>> {
  const objectIds = [...new Set(actors.filter((a) => a.startsWith("user:")).map((a) => a.slice(5)))];
  const rows = objectIds.length
    ? await db.portalUser.findMany({
        where: { workspaceId: user.workspace.id, objectId: { in: objectIds } },
        select: { objectId: true, name: true },
      })
    : [];
  return new Map(rows.map((r) => [`user:${r.objectId}`, r.name]));
}

/** Names of the customers a page of events is about, within the workspace only. */
export async function customerNames(user: CurrentUser, customerIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(customerIds)];
  const rows = ids.length
    ? await db.customer.findMany({ where: { workspaceId: user.workspace.id, id: { in: ids } }, select: { id: true, displayName: true } })
    : [];
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** All customers of the workspace by name, for the customer filter. */
export async function customerOptions(user: CurrentUser): Promise<{ id: string; name: string }[]> {
  requirePermission(user, "audit:read");
  const rows = await db.customer.findMany({ where: { workspaceId: user.workspace.id }, select: { id: true, displayName: true }, orderBy: { displayName: "asc" }, take: 1000 });
  return rows.map((r) => ({ id: r.id, name: r.displayName }));
}
