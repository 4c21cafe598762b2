import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { NOT_AN_ATTEMPT_REASONS } from "@/lib/onboarding/consent-history";

export interface ConsentAttemptDto {
  id: string;
  action: string;
  /** When the attempt (or the last of identical ones) ended: what "latest" means here. */
  at: Date;
  firstAt: Date;
  repeatCount: number;
  details: unknown;
}

/**
 * The customer's consent attempts, newest first: granted and refused consents, without
 * replayed or forged callbacks. Its own query, filtered in the database, so that no number of
 * other events on the customer (a flood of replays, rate-limit notes, provisioning) can push the
 * latest attempt out of the page's "last consent attempt failed" banner.
 */
export async function listConsentAttempts(user: CurrentUser, customerId: string, limit = 10): Promise<ConsentAttemptDto[]> {
  requirePermission(user, "audit:read");
  const rows = await db.auditEvent.findMany({
    where: {
      workspaceId: user.workspace.id,
      target: `customer:${customerId}`,
      OR: [
        { action: "consent.granted" },
        // Every refusal records a reason, so the JSON comparisons below never meet a missing key.
        {
          action: "consent.refused",
          AND: NOT_AN_ATTEMPT_REASONS.map((reason) => ({ NOT: { details: { path: ["reason"], equals: reason } } })),
        },
      ],
    },
    orderBy: [{ lastAt: "desc" }, { at: "desc" }],
    take: Math.min(limit, 50),
    select: { id: true, action: true, at: true, lastAt: true, repeatCount: true, details: true },
  });
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    at: row.lastAt,
    firstAt: row.at,
    repeatCount: row.repeatCount,
    details: row.details,
  }));
}
