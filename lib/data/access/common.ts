import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Prisma } from "@/lib/generated/prisma/client";

// The pure rules (days left, urgency bands, expiry windows) live in lib/access so that client
// components colour a badge exactly as the readers do.
export { daysLeft, EXPIRY_WINDOWS, urgencyOf, type ExpiryWindow, type Urgency } from "@/lib/access/urgency";

/** Who reads: the signed-in user (its workspace scopes every query). */
export type AccessReader = Pick<CurrentUser, "id" | "role"> & { workspace: { id: string } };

export const DAY_MS = 86_400_000;

/** Whole days since `at` (age of a request). */
export function ageDays(at: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS));
}

/**
 * Access in force: delivered and not past its end. The sync stores Graph's state; between two
 * syncs an assignment may pass its end, and the portal must not call it active then.
 */
export function activeWhere(workspaceId: string, now: Date): Prisma.SyncedAssignmentWhereInput {
  return { workspaceId, state: "delivered", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** Graph's request states while a request waits for an approver (GRAPH-API.md: submitted, then pendingApproval). */
export const PENDING_STATES = ["pendingApproval", "submitted"];

export { containsText } from "@/lib/data/text-search";
