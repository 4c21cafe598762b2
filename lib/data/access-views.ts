import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { myStatus, type MyStatus } from "@/lib/access/my-status";
import { accessPackageRequestUrl, defenderPortalUrl, myAccessApprovalsUrl, myAccessUrl } from "@/lib/links";
import { compareNames } from "@/lib/utils/compare-names";

/** Graph's request state while it waits for an approver (GRAPH-API.md, accessPackageAssignmentRequest). */
export const PENDING_REQUEST_STATES = ["pendingApproval"];

export interface PendingApproval {
  id: string;
  customerId: string;
  customerName: string;
  customerDomain: string;
  packageName: string;
  tier: string | null;
  requestorName: string | null;
  requestorEmail: string | null;
  portalUserId: string | null;
  justification: string | null;
  requestedAt: Date;
  approvalsUrl: string;
}

/** Every pending request across the workspace's customers, oldest first. */
export async function listPendingApprovals(user: CurrentUser, limit = 500): Promise<PendingApproval[]> {
  requirePermission(user, "approvals:read");
  const rows = await db.syncedRequest.findMany({
    where: { workspaceId: user.workspace.id, state: { in: PENDING_REQUEST_STATES } },
    select: {
      id: true,
      customerId: true,
      accessPackageName: true,
      tier: true,
      requestorName: true,
      requestorEmail: true,
      requestorPrincipal: true,
      portalUserId: true,
      justification: true,
      requestedAt: true,
      customer: { select: { displayName: true, primaryDomain: true } },
    },
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerName: r.customer.displayName,
    customerDomain: r.customer.primaryDomain,
    packageName: r.accessPackageName,
    tier: r.tier,
    requestorName: r.requestorName,
    requestorEmail: r.requestorEmail ?? r.requestorPrincipal,
    portalUserId: r.portalUserId,
    justification: r.justification,
    requestedAt: r.requestedAt,
    approvalsUrl: myAccessApprovalsUrl(r.customer.primaryDomain),
  }));
}

export interface MyAccessEntry {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  status: MyStatus;
  myAccessUrl: string;
  defenderUrl: string;
  packages: { key: string; displayName: string; url: string }[];
}

/** The signed-in person's status in every reachable customer, with the links to request and work. */
export async function listMyAccess(user: CurrentUser, now = new Date()): Promise<MyAccessEntry[]> {
  requirePermission(user, "access:read-own");
  const workspaceId = user.workspace.id;
  const [customers, assignments, requests] = await Promise.all([
    db.customer.findMany({
      where: { workspaceId, status: { in: ["consented", "provisioning", "active", "needs_attention"] }, tenantId: { not: null } },
      select: {
        id: true,
        displayName: true,
        primaryDomain: true,
        status: true,
        tenantId: true,
        tenantObjects: {
          where: { workspaceId, kind: "accessPackage" },
          select: { key: true, displayName: true, graphId: true },
          orderBy: { key: "asc" },
        },
      },
    }),
    db.syncedAssignment.findMany({
      where: { workspaceId, portalUserId: user.id },
      select: { customerId: true, accessPackageName: true, state: true, expiresAt: true },
    }),
    db.syncedRequest.findMany({
      where: { workspaceId, portalUserId: user.id, state: { in: PENDING_REQUEST_STATES } },
      select: { customerId: true, accessPackageName: true, requestedAt: true },
    }),
  ]);
  return customers
    .map((c) => ({
      customerId: c.id,
      displayName: c.displayName,
      primaryDomain: c.primaryDomain,
      status: myStatus(
        assignments.filter((a) => a.customerId === c.id).map((a) => ({ packageName: a.accessPackageName, state: a.state, expiresAt: a.expiresAt })),
        requests.filter((r) => r.customerId === c.id).map((r) => ({ packageName: r.accessPackageName, createdAt: r.requestedAt })),
        now,
      ),
      myAccessUrl: myAccessUrl(c.primaryDomain),
      defenderUrl: defenderPortalUrl(c.tenantId!),
      // Only an active customer's packages are known to be complete (policy and approvers set).
      packages:
        c.status === "active"
          ? c.tenantObjects.map((p) => ({ key: p.key, displayName: p.displayName, url: accessPackageRequestUrl(c.primaryDomain, p.graphId) }))
          : [],
    }))
    .sort((a, b) => compareNames(a.displayName, b.displayName));
}
