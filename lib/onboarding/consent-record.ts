import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { CustomerStatus } from "@/lib/generated/prisma/client";
import { inviteState } from "./invite-token";
import type { ConsentOutcome } from "./outcomes";

export interface ProvenConsent {
  tenantId: string;
  organizationName: string;
  grantedRoles: string[];
}

export interface ConsentTarget {
  inviteId: string;
  workspaceId: string;
  customerId: string;
  /** The customer as it was read before the proof, which can take seconds. */
  seen: { tenantId: string | null; status: CustomerStatus };
}

/**
 * Records a proven consent in one transaction, but only if nothing moved while Microsoft was
 * asked: the invite must still be usable (not used, revoked or expired in the meantime) and the
 * customer unchanged. Returns the refusal otherwise; nothing is written then.
 */
export async function recordProvenConsent(
  target: ConsentTarget,
  proof: ProvenConsent,
  extra: { scope: string | null },
  now: Date,
): Promise<ConsentOutcome> {
  try {
    return await db.$transaction(async (tx): Promise<ConsentOutcome> => {
      const used = await tx.consentInvite.updateMany({
        where: { id: target.inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (used.count !== 1) {
        const invite = await tx.consentInvite.findUniqueOrThrow({
          where: { id: target.inviteId },
          select: { usedAt: true, revokedAt: true, expiresAt: true },
        });
        const state = inviteState(invite, now);
        return state === "active" ? "invite-used" : `invite-${state}`;
      }
      const keepsStatus = target.seen.status !== "invited" && target.seen.status !== "needs_attention";
      const updated = await tx.customer.updateMany({
        where: { id: target.customerId, workspaceId: target.workspaceId, tenantId: target.seen.tenantId, status: target.seen.status },
        data: {
          tenantId: proof.tenantId,
          tenantName: proof.organizationName,
          consentedAt: now,
          grantedRoles: proof.grantedRoles,
          // A re-consent of a customer that is already further along keeps its status.
          ...(keepsStatus ? {} : { status: "consented" }),
        },
      });
      if (updated.count !== 1) throw new ChangedMeanwhile();
      await recordAudit(
        {
          workspaceId: target.workspaceId,
          actor: "customer-admin",
          action: "consent.granted",
          target: `customer:${target.customerId}`,
          details: {
            inviteId: target.inviteId,
            tenantId: proof.tenantId,
            organizationName: proof.organizationName,
            grantedRoles: proof.grantedRoles,
            scope: extra.scope,
          },
        },
        tx,
      );
      return "granted";
    });
  } catch (error) {
    // Thrown, not returned, so the transaction rolls the invite back to unused.
    if (error instanceof ChangedMeanwhile) return "tenant-mismatch";
    // The (workspace, tenant) unique index closes the race with a concurrent onboarding.
    if ((error as { code?: unknown }).code === "P2002") return "tenant-already-onboarded";
    throw error;
  }
}

class ChangedMeanwhile extends Error {}
