import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Who reads: the signed-in user (its workspace scopes every query). */
export type AccessReader = Pick<CurrentUser, "id" | "role"> & { workspace: { id: string } };

export const DAY_MS = 86_400_000;

/** Whole days from `now` to `at`, rounded up (an expiry later today is "1 day left"); negative when past. */
export function daysLeft(at: Date, now: Date): number {
  return Math.ceil((at.getTime() - now.getTime()) / DAY_MS);
}

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

export const PENDING_STATES = ["pendingApproval", "submitted"];

export type Urgency = "expired" | "critical" | "soon" | "ok";

/** Colour band of a cell or row: ≤7 days critical, ≤30 soon. */
export function urgencyOf(days: number | null): Urgency {
  if (days === null) return "ok";
  if (days <= 0) return "expired";
  if (days <= 7) return "critical";
  if (days <= 30) return "soon";
  return "ok";
}
