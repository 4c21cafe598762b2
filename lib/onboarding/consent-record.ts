import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { CustomerStatus } from "@/lib/generated/prisma/client";
import { customerAdminActor } from "./actors";
import type { ProvenAdmin } from "./consent-state";
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
  extra: { scope: string | null; admin: ProvenAdmin },
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
          consentGrantedByName: extra.admin.name,
          consentGrantedByUpn: extra.admin.upn,
          consentGrantedByObjectId: extra.admin.objectId,
          // A re-consent of a customer that is already further along keeps its status.
          ...(keepsStatus ? {} : { status: "consented" }),
        },
      });
      if (updated.count !== 1) throw new ChangedMeanwhile();
      await recordAudit(
        {
          workspaceId: target.workspaceId,
          actor: customerAdminActor(extra.admin.objectId),
          action: "consent.granted",
          target: `customer:${target.customerId}`,
          details: {
            inviteId: target.inviteId,
            tenantId: proof.tenantId,
            organizationName: proof.organizationName,
            grantedRoles: proof.grantedRoles,
            scope: extra.scope,
            grantedBy: { name: extra.admin.name, upn: extra.admin.upn, objectId: extra.admin.objectId },
          },
        },
        tx,
      );
      return "granted";
    });
  } catch (error) {
    // Thrown, not returned, so the transaction rolls the invite back to unused.
    if (error instanceof ChangedMeanwhile) return "tenant-mismatch";
    // The database decides races the reads before the write could not see: a tenant is the
    // customer of one workspace (unique index), never an MSSP's own tenant (trigger).
    const conflict = tenantConflict(error);
    if (conflict === "mssp-tenant") return "mssp-tenant";
    if (conflict === "taken") return holderOutcome(proof.tenantId, target);
    throw error;
  }
}

class ChangedMeanwhile extends Error {}

/**
 * Which of the database's tenant rules a failed write broke, if any. Prisma reports the unique
 * index as P2002; the trigger's check_violation (23514) arrives as the driver's error, and its
 * message (from migration 20261201050000) says which rule it is.
 */
export function tenantConflict(error: unknown): "taken" | "mssp-tenant" | null {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } } | null;
  if (e?.code === "P2002") return "taken";
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode === "23505") return "taken";
  if (cause?.originalCode === "23514" && String(cause.originalMessage).includes("MSSP workspace tenant")) return "mssp-tenant";
  return null;
}

async function holderOutcome(tenantId: string, target: ConsentTarget): Promise<ConsentOutcome> {
  const holder = await db.customer.findFirst({ where: { tenantId }, select: { workspaceId: true } });
  return holder && holder.workspaceId !== target.workspaceId ? "tenant-in-another-workspace" : "tenant-already-onboarded";
}
