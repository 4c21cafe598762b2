import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import { myAccessApprovalsUrl } from "@/lib/links";
import { ageDays, PENDING_STATES, type AccessReader } from "./common";

export interface PendingApproval {
  requestId: string;
  customerId: string;
  customerName: string;
  customerDomain: string;
  packageName: string;
  tier: string | null;
  portalUserId: string | null;
  requestorName: string;
  requestorEmail: string | null;
  justification: string | null;
  requestedAt: Date;
  ageDays: number;
  /** the customer's My Access approvals page: approval happens at Microsoft (delegated only) */
  approveUrl: string;
}

/**
 * Every request waiting for approval across the workspace's customers, oldest first. The dashboard
 * asks for the first few with `permission: "dashboard:read"`; the approvals page for all of them.
 */
export async function pendingApprovals(user: AccessReader, options: { limit?: number; now?: Date; permission?: "approvals:read" | "dashboard:read" } = {}): Promise<{ rows: PendingApproval[]; total: number }> {
  requirePermission(user, options.permission ?? "approvals:read");
  const now = options.now ?? new Date();
  const where = { workspaceId: user.workspace.id, state: { in: PENDING_STATES } };
  const [rows, total] = await Promise.all([
    db.syncedRequest.findMany({
      where,
      select: {
        id: true, customerId: true, accessPackageName: true, tier: true, portalUserId: true, requestorName: true, requestorEmail: true, requestorPrincipal: true,
        justification: true, requestedAt: true,
        customer: { select: { displayName: true, primaryDomain: true } },
        portalUser: { select: { name: true, email: true } },
      },
      orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      take: Math.min(5000, Math.max(1, options.limit ?? 500)),
    }),
    db.syncedRequest.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      requestId: r.id, customerId: r.customerId, customerName: r.customer.displayName, customerDomain: r.customer.primaryDomain,
      packageName: r.accessPackageName, tier: r.tier, portalUserId: r.portalUserId,
      requestorName: r.portalUser?.name ?? r.requestorName ?? r.requestorPrincipal ?? "Unknown",
      requestorEmail: r.portalUser?.email ?? r.requestorEmail,
      justification: r.justification, requestedAt: r.requestedAt, ageDays: ageDays(r.requestedAt, now),
      approveUrl: myAccessApprovalsUrl(r.customer.primaryDomain),
    })),
  };
}
