import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { accessPackageRequestUrl, defenderPortalUrl, myAccessUrl } from "@/lib/links";
import { compareNames } from "@/lib/utils/compare-names";
import { daysLeft, PENDING_STATES, type AccessReader } from "./common";

export type MyStatus = { kind: "none" } | { kind: "pending"; since: Date } | { kind: "active"; until: Date | null; daysLeft: number | null; tiers: string[] } | { kind: "expired"; on: Date | null };

export interface MyAccessEntry {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  status: MyStatus;
  myAccessUrl: string;
  defenderUrl: string;
  packages: { key: string; displayName: string; requestUrl: string }[];
}

/** Per customer: where the signed-in person stands, with the links to request or use access. */
export async function myAccess(user: AccessReader, now = new Date()): Promise<MyAccessEntry[]> {
  requirePermission(user, "access:read-own");
  const workspaceId = user.workspace.id;
  const [customers, assignments, requests] = await Promise.all([
    db.customer.findMany({
      where: { workspaceId, tenantId: { not: null }, status: { in: ["consented", "provisioning", "active", "needs_attention"] } },
      select: { id: true, displayName: true, primaryDomain: true, tenantId: true, status: true, tenantObjects: { where: { kind: "accessPackage" }, select: { key: true, displayName: true, graphId: true }, orderBy: { key: "asc" } } },
    }),
    db.syncedAssignment.findMany({ where: { workspaceId, portalUserId: user.id }, select: { customerId: true, state: true, tier: true, accessPackageName: true, expiresAt: true } }),
    db.syncedRequest.findMany({ where: { workspaceId, portalUserId: user.id, state: { in: PENDING_STATES } }, select: { customerId: true, requestedAt: true } }),
  ]);
  return customers.map((c): MyAccessEntry => {
    const mine = assignments.filter((a) => a.customerId === c.id);
    const active = mine.filter((a) => a.state === "delivered" && (!a.expiresAt || a.expiresAt > now));
    const pending = requests.filter((r) => r.customerId === c.id).sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime())[0];
    let status: MyStatus;
    if (active.length) {
      const ends = active.map((a) => a.expiresAt).filter((d): d is Date => d !== null);
      const until = ends.length === active.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
      status = { kind: "active", until, daysLeft: until ? daysLeft(until, now) : null, tiers: active.map((a) => a.tier ?? a.accessPackageName).sort() };
    } else if (pending) status = { kind: "pending", since: pending.requestedAt };
    else if (mine.length) {
      const ends = mine.map((a) => a.expiresAt?.getTime() ?? 0);
      status = { kind: "expired", on: Math.max(...ends) ? new Date(Math.max(...ends)) : null };
    } else status = { kind: "none" };
    return {
      customerId: c.id, displayName: c.displayName, primaryDomain: c.primaryDomain, status,
      myAccessUrl: myAccessUrl(c.primaryDomain), defenderUrl: defenderPortalUrl(c.tenantId!),
      packages: c.status === "active" ? c.tenantObjects.map((p) => ({ key: p.key.replace(/^accessPackage:/, ""), displayName: p.displayName, requestUrl: accessPackageRequestUrl(c.primaryDomain, p.graphId) })) : [],
    };
  }).sort((a, b) => compareNames(a.displayName, b.displayName));
}

export interface PersonAccess {
  person: { id: string; name: string; email: string; role: string };
  current: { customerId: string; customerName: string; tier: string | null; packageName: string; startAt: Date | null; expiresAt: Date | null; daysLeft: number | null }[];
  /** newest first: assignments (granted, expired) and requests (asked, denied, canceled …) */
  history: { at: Date; kind: "assignment" | "request"; state: string; customerId: string; customerName: string; packageName: string; tier: string | null; detail: string | null }[];
}

/** One staff member's access across customers and its history. Admins, or the person themself. */
export async function personAccess(user: AccessReader, portalUserId: string, now = new Date()): Promise<PersonAccess> {
  if (portalUserId !== user.id) requirePermission(user, "customers:read");
  else requirePermission(user, "access:read-own");
  const workspaceId = user.workspace.id;
  const person = await db.portalUser.findFirst({ where: { id: portalUserId, workspaceId }, select: { id: true, name: true, email: true, role: true } });
  if (!person) throw new NotFoundError("The person");
  const [assignments, requests] = await Promise.all([
    db.syncedAssignment.findMany({ where: { workspaceId, portalUserId }, select: { customerId: true, state: true, tier: true, accessPackageName: true, startAt: true, expiresAt: true, customer: { select: { displayName: true } } } }),
    db.syncedRequest.findMany({ where: { workspaceId, portalUserId }, select: { customerId: true, state: true, tier: true, accessPackageName: true, requestedAt: true, completedAt: true, justification: true, customer: { select: { displayName: true } } } }),
  ]);
  const current = assignments
    .filter((a) => a.state === "delivered" && (!a.expiresAt || a.expiresAt > now))
    .map((a) => ({ customerId: a.customerId, customerName: a.customer.displayName, tier: a.tier, packageName: a.accessPackageName, startAt: a.startAt, expiresAt: a.expiresAt, daysLeft: a.expiresAt ? daysLeft(a.expiresAt, now) : null }))
    .sort((a, b) => compareNames(a.customerName, b.customerName));
  const history: PersonAccess["history"] = [
    ...assignments.map((a) => ({ at: (a.state === "expired" ? a.expiresAt : a.startAt) ?? new Date(0), kind: "assignment" as const, state: a.state, customerId: a.customerId, customerName: a.customer.displayName, packageName: a.accessPackageName, tier: a.tier, detail: null })),
    ...requests.map((r) => ({ at: r.completedAt ?? r.requestedAt, kind: "request" as const, state: r.state, customerId: r.customerId, customerName: r.customer.displayName, packageName: r.accessPackageName, tier: r.tier, detail: r.justification })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return { person: { ...person, role: person.role }, current, history };
}
