import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { accessPackageRequestUrl, defenderPortalUrl, myAccessUrl } from "@/lib/links";
import { myStatus, type MyStatus } from "@/lib/access/my-status";
import { compareNames } from "@/lib/utils/compare-names";
import { isGuid } from "@/lib/utils/guid";
import { daysLeft, PENDING_STATES, type AccessReader } from "./common";

export type { MyStatus };

export interface MyAccessEntry {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  status: MyStatus;
  myAccessUrl: string;
  defenderUrl: string;
  /** each tier package's durable My Access request link */
  packages: { key: string; displayName: string; url: string }[];
}

/** Per customer: where the signed-in person stands, with the links to request or use access. */
export async function myAccess(user: AccessReader, now = new Date()): Promise<MyAccessEntry[]> {
  requirePermission(user, "access:read-own");
  const workspaceId = user.workspace.id;
  const [customers, assignments, requests] = await Promise.all([
    db.customer.findMany({
      where: { workspaceId, tenantId: { not: null }, status: { in: ["consented", "provisioning", "active", "needs_attention"] } },
      select: { id: true, displayName: true, primaryDomain: true, tenantId: true, status: true, tenantObjects: { where: { workspaceId, kind: "accessPackage" }, select: { key: true, displayName: true, graphId: true }, orderBy: { key: "asc" } } },
    }),
    db.syncedAssignment.findMany({ where: { workspaceId, portalUserId: user.id }, select: { customerId: true, state: true, accessPackageName: true, expiresAt: true } }),
    db.syncedRequest.findMany({ where: { workspaceId, portalUserId: user.id, state: { in: PENDING_STATES } }, select: { customerId: true, accessPackageName: true, requestedAt: true } }),
  ]);
  return customers.map((c): MyAccessEntry => {
    const status = myStatus(
      assignments.filter((a) => a.customerId === c.id).map((a) => ({ packageName: a.accessPackageName, state: a.state, expiresAt: a.expiresAt })),
      requests.filter((r) => r.customerId === c.id).map((r) => ({ packageName: r.accessPackageName, createdAt: r.requestedAt })),
      now,
    );
    return {
      customerId: c.id, displayName: c.displayName, primaryDomain: c.primaryDomain, status,
      myAccessUrl: myAccessUrl(c.primaryDomain), defenderUrl: defenderPortalUrl(c.tenantId!),
      // Only an active customer's packages are known to be complete (policy and approvers set).
      packages: c.status === "active" ? c.tenantObjects.map((p) => ({ key: p.key.replace(/^accessPackage:/, ""), displayName: p.displayName, url: accessPackageRequestUrl(c.primaryDomain, p.graphId) })) : [],
    };
  }).sort((a, b) => compareNames(a.displayName, b.displayName));
}

export interface PersonAccess {
  person: { id: string; name: string; email: string; role: string };
  current: { customerId: string; customerName: string; tier: string | null; packageName: string; startAt: Date | null; expiresAt: Date | null; daysLeft: number | null }[];
  /** newest first: assignments (granted, expired) and requests (asked, denied, canceled …) */
  history: { at: Date; kind: "assignment" | "request"; state: string; customerId: string; customerName: string; packageName: string; tier: string | null; detail: string | null }[];
}

/** One staff member's access across customers and its history. Admins and approvers, or the person themself. */
export async function personAccess(user: AccessReader, portalUserId: string, now = new Date()): Promise<PersonAccess> {
  requirePermission(user, portalUserId === user.id ? "access:read-own" : "access:read-all");
  const workspaceId = user.workspace.id;
  // An id that is no uuid cannot be anyone's: "not found", not a database error.
  if (!isGuid(portalUserId)) throw new NotFoundError("The person");
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
