import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { myAccessApprovalsUrl } from "@/lib/links";
import { isGuid } from "@/lib/utils/guid";
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

/** Where a page of the queue starts or ends: a request's (requestedAt, id), as the link carries it. */
export interface ApprovalCursor { requestedAt: Date; id: string }

/** "2026-12-01T10:00:00.000Z_<uuid>" → a cursor; anything else → null (the page then starts at the oldest). */
export function parseApprovalCursor(value: unknown): ApprovalCursor | null {
  if (typeof value !== "string") return null;
  const [at, id] = value.split("_");
  const requestedAt = new Date(at ?? "");
  return !Number.isNaN(requestedAt.getTime()) && isGuid(id) ? { requestedAt, id } : null;
}

export const approvalCursorParam = (c: ApprovalCursor) => `${c.requestedAt.toISOString()}_${c.id}`;

export interface ApprovalPage {
  rows: PendingApproval[];
  /** every pending request of the workspace */
  total: number;
  /** how many pending requests come before this page (older) */
  before: number;
  /** the page after this one starts after `next`; null on the last page */
  next: ApprovalCursor | null;
  /** the page before this one ends before `previous`; null on the first page */
  previous: ApprovalCursor | null;
}

const approvalFields = {
  id: true, customerId: true, accessPackageName: true, tier: true, portalUserId: true, requestorName: true, requestorEmail: true, requestorPrincipal: true,
  justification: true, requestedAt: true,
  customer: { select: { displayName: true, primaryDomain: true } },
  portalUser: { select: { name: true, email: true } },
} satisfies Prisma.SyncedRequestSelect;

/** Requests strictly after (or before) the cursor in (requestedAt, id) order, as index range conditions. */
function beyond(c: ApprovalCursor, side: "after" | "before"): Prisma.SyncedRequestWhereInput {
  return side === "after"
    ? { requestedAt: { gte: c.requestedAt }, NOT: { requestedAt: c.requestedAt, id: { lte: c.id } } }
    : { requestedAt: { lte: c.requestedAt }, NOT: { requestedAt: c.requestedAt, id: { gte: c.id } } };
}

/**
 * A page of the requests waiting for approval across the workspace's customers, oldest first,
 * by keyset (`after` or `before` a request), with the total and the page's position. Requests
 * leave the queue when they are decided, so a page starts at a position, never at a row that
 * may be gone. The dashboard asks for the first few with `permission: "dashboard:read"`.
 */
export async function pendingApprovals(user: AccessReader, options: { limit?: number; after?: ApprovalCursor | null; before?: ApprovalCursor | null; now?: Date; permission?: "approvals:read" | "dashboard:read" } = {}): Promise<ApprovalPage> {
  requirePermission(user, options.permission ?? "approvals:read");
  const now = options.now ?? new Date();
  const limit = Math.min(1000, Math.max(1, options.limit ?? 100));
  // The partial index on pending requests (workspaceId, requestedAt, id) serves every query here.
  const where: Prisma.SyncedRequestWhereInput = { workspaceId: user.workspace.id, state: { in: PENDING_STATES } };
  const backwards = !options.after && !!options.before;
  const cursor = options.after ?? options.before;
  // One more than the page, to know whether another page follows in the direction read.
  const [read, total] = await Promise.all([
    db.syncedRequest.findMany({
      where: cursor ? { AND: [where, beyond(cursor, backwards ? "before" : "after")] } : where,
      select: approvalFields,
      orderBy: backwards ? [{ requestedAt: "desc" }, { id: "desc" }] : [{ requestedAt: "asc" }, { id: "asc" }],
      take: limit + 1,
    }),
    db.syncedRequest.count({ where }),
  ]);
  // Everything beyond the cursor was decided meanwhile: start again at the oldest.
  if (cursor && read.length === 0 && total > 0) return pendingApprovals(user, { ...options, after: null, before: null });
  const more = read.length > limit;
  const rows = backwards ? read.slice(0, limit).reverse() : read.slice(0, limit);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const before = first && cursor ? await db.syncedRequest.count({ where: { AND: [where, beyond(first, "before")] } }) : 0;
  const at = (r: { requestedAt: Date; id: string } | undefined) => (r ? { requestedAt: r.requestedAt, id: r.id } : null);
  return {
    total,
    before,
    next: (backwards ? rows.length > 0 && before + rows.length < total : more) ? at(last) : null,
    previous: (backwards ? more : before > 0) ? at(first) : null,
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
