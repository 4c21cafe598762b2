import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { compareNames } from "@/lib/utils/compare-names";

const DAY_MS = 86_400_000;

export const EXPIRY_SORTS = ["expires", "customer", "tier", "person"] as const;
export type ExpirySort = (typeof EXPIRY_SORTS)[number];

export function parseExpirySort(value: unknown): ExpirySort {
  return (EXPIRY_SORTS as readonly unknown[]).includes(value) ? (value as ExpirySort) : "expires";
}

export interface ExpiryRow {
  id: string;
  customerId: string;
  customerName: string;
  packageName: string;
  tier: string | null;
  personId: string | null;
  personName: string;
  personEmail: string | null;
  expiresAt: Date;
}

/** Active assignments ending within `windowDays`, sorted; unmatched guests are listed by their own name. */
export async function listUpcomingExpiries(
  user: CurrentUser,
  opts: { windowDays: number; sort: ExpirySort; now?: Date; limit?: number },
): Promise<ExpiryRow[]> {
  requirePermission(user, "dashboard:read");
  const now = opts.now ?? new Date();
  const rows = await db.syncedAssignment.findMany({
    where: { workspaceId: user.workspace.id, state: "delivered", expiresAt: { gt: now, lte: new Date(now.getTime() + opts.windowDays * DAY_MS) } },
    select: {
      id: true,
      customerId: true,
      accessPackageName: true,
      tier: true,
      portalUserId: true,
      targetDisplayName: true,
      targetEmail: true,
      targetPrincipalName: true,
      expiresAt: true,
      customer: { select: { displayName: true } },
      portalUser: { select: { name: true, email: true } },
    },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    take: opts.limit ?? 1000,
  });
  const list: ExpiryRow[] = rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerName: r.customer.displayName,
    packageName: r.accessPackageName,
    tier: r.tier,
    personId: r.portalUserId,
    personName: r.portalUser?.name ?? r.targetDisplayName ?? r.targetPrincipalName ?? "Unknown guest",
    personEmail: r.portalUser?.email ?? r.targetEmail ?? r.targetPrincipalName,
    expiresAt: r.expiresAt!,
  }));
  const byExpiry = (a: ExpiryRow, b: ExpiryRow) => a.expiresAt.getTime() - b.expiresAt.getTime();
  const sorters: Record<ExpirySort, (a: ExpiryRow, b: ExpiryRow) => number> = {
    expires: byExpiry,
    customer: (a, b) => compareNames(a.customerName, b.customerName) || byExpiry(a, b),
    tier: (a, b) => compareNames(a.tier ?? "~", b.tier ?? "~") || byExpiry(a, b),
    person: (a, b) => compareNames(a.personName, b.personName) || byExpiry(a, b),
  };
  return list.sort(sorters[opts.sort]);
}

export interface MatrixCell {
  tier: string;
  expiresAt: Date | null;
}

export interface AccessMatrix {
  customers: { id: string; displayName: string }[];
  people: { id: string; name: string; email: string; cells: Record<string, MatrixCell> }[];
  /** Active assignments whose guest matched no staff member: listed, never dropped. */
  unmatched: { customerName: string; name: string; email: string | null; tier: string; expiresAt: Date | null }[];
}

/** Staff × customers with each person's active tier (the one ending last) per customer. */
export async function getAccessMatrix(user: CurrentUser, opts: { search?: string; now?: Date } = {}): Promise<AccessMatrix> {
  requirePermission(user, "access:read-all");
  const workspaceId = user.workspace.id;
  const now = opts.now ?? new Date();
  const search = opts.search?.trim();
  const [customers, people, assignments] = await Promise.all([
    db.customer.findMany({
      where: { workspaceId, tenantId: { not: null }, status: { notIn: ["offboarded"] } },
      select: { id: true, displayName: true },
    }),
    db.portalUser.findMany({
      where: {
        workspaceId,
        ...(search ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { email: { contains: search, mode: "insensitive" } }] } : {}),
      },
      select: { id: true, name: true, email: true },
    }),
    db.syncedAssignment.findMany({
      where: { workspaceId, state: "delivered", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: {
        customerId: true,
        portalUserId: true,
        tier: true,
        accessPackageName: true,
        expiresAt: true,
        targetDisplayName: true,
        targetEmail: true,
        targetPrincipalName: true,
      },
    }),
  ]);
  const names = new Map(customers.map((c) => [c.id, c.displayName]));
  const cells = new Map<string, Record<string, MatrixCell>>();
  const unmatched: AccessMatrix["unmatched"] = [];
  for (const a of assignments) {
    const tier = a.tier ?? a.accessPackageName;
    if (!a.portalUserId) {
      unmatched.push({
        customerName: names.get(a.customerId) ?? "Unknown customer",
        name: a.targetDisplayName ?? a.targetPrincipalName ?? "Unknown guest",
        email: a.targetEmail ?? a.targetPrincipalName,
        tier,
        expiresAt: a.expiresAt,
      });
      continue;
    }
    const row = cells.get(a.portalUserId) ?? {};
    const current = row[a.customerId];
    const endsLater = !current || (current.expiresAt !== null && (a.expiresAt === null || a.expiresAt > current.expiresAt));
    if (endsLater) row[a.customerId] = { tier, expiresAt: a.expiresAt };
    cells.set(a.portalUserId, row);
  }
  return {
    customers: customers.sort((a, b) => compareNames(a.displayName, b.displayName)),
    people: people
      .map((p) => ({ ...p, cells: cells.get(p.id) ?? {} }))
      .sort((a, b) => compareNames(a.name, b.name)),
    unmatched: unmatched.sort((a, b) => compareNames(a.customerName, b.customerName) || compareNames(a.name, b.name)),
  };
}
