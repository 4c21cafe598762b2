import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { proveAdminConsent, ConsentProofError } from "@/lib/graph/consent-proof";
import { graphAccessFromEnv } from "@/lib/graph-access";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deriveStateKey, verifyConsentState } from "./consent-state";
import { inviteState } from "./invite-token";
import { outcomeForMicrosoftError, type ConsentOutcome } from "./outcomes";

export interface CallbackParams {
  error?: string;
  errorDescription?: string;
  state?: string;
  tenant?: string;
  scope?: string;
}

export interface CallbackResult {
  outcome: ConsentOutcome;
  /** Lets the result page name the customer and the MSSP; absent when the state was not ours. */
  inviteId?: string;
  /** Microsoft's own words, shown so the customer can quote them. */
  microsoftMessage?: string;
}

interface BoundInvite {
  id: string;
  workspaceId: string;
  customerId: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clip(text: string | undefined): string | undefined {
  return text ? text.slice(0, 500) : undefined;
}

async function refuse(
  outcome: ConsentOutcome,
  invite: BoundInvite | null,
  details: Prisma.InputJsonObject,
  microsoftMessage?: string,
): Promise<CallbackResult> {
  await recordAudit({
    workspaceId: invite?.workspaceId ?? null,
    actor: "customer-admin",
    action: "consent.refused",
    target: invite ? `customer:${invite.customerId}` : undefined,
    details: { reason: outcome, ...(invite ? { inviteId: invite.id } : {}), ...details },
  });
  return { outcome, inviteId: invite?.id, microsoftMessage };
}

/**
 * Verifies the signed state and spends its nonce in one statement, so a state works once. A state
 * that is genuine but already spent still names its invite, so the refusal lands on that customer.
 */
async function spendState(state: string | undefined, now: Date): Promise<{ invite: BoundInvite | null; problem?: ConsentOutcome }> {
  if (!state || !env.AUTH_SECRET) return { invite: null, problem: "invalid-state" };
  const verified = verifyConsentState(state, deriveStateKey(env.AUTH_SECRET), now);
  if (!verified.ok) return { invite: null, problem: verified.reason === "expired" ? "state-expired" : "invalid-state" };
  const { inviteId, nonce } = verified.payload;
  const invite = await db.consentInvite.findUnique({
    where: { id: inviteId },
    select: { id: true, workspaceId: true, customerId: true },
  });
  if (!invite) return { invite: null, problem: "invalid-state" };
  const spent = await db.consentInvite.updateMany({ where: { id: inviteId, stateNonce: nonce }, data: { stateNonce: null } });
  return spent.count === 1 ? { invite } : { invite, problem: "state-replayed" };
}

export async function handleConsentCallback(params: CallbackParams, now = new Date()): Promise<CallbackResult> {
  const { invite, problem } = await spendState(params.state, now);

  // Microsoft's error redirect also says admin_consent=True: the error decides.
  if (params.error) {
    return refuse(
      outcomeForMicrosoftError(params.error, params.errorDescription),
      invite,
      { error: params.error, errorDescription: clip(params.errorDescription) ?? null, stateProblem: problem ?? null },
      clip(params.errorDescription),
    );
  }
  if (problem || !invite) return refuse(problem ?? "invalid-state", invite, { claimedTenant: params.tenant ?? null });
  const bound = invite;

  const record = await db.consentInvite.findUniqueOrThrow({
    where: { id: bound.id },
    select: {
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      customer: { select: { id: true, primaryDomain: true, tenantId: true, status: true } },
    },
  });
  const state = inviteState(record, now);
  if (state !== "active") return refuse(`invite-${state}`, bound, {});

  const config = graphAccessFromEnv();
  if (!config) return refuse("not-configured", bound, {});
  if (!params.tenant || !GUID.test(params.tenant)) {
    return refuse("microsoft-error", bound, { claimedTenant: params.tenant ?? null }, "Microsoft's answer named no tenant.");
  }

  let proof;
  try {
    proof = await proveAdminConsent(config, { claimedTenantId: params.tenant, customerDomain: record.customer.primaryDomain });
  } catch (error) {
    if (!(error instanceof ConsentProofError)) throw error;
    const outcome: ConsentOutcome = error.reason === "app-misconfigured" ? "not-configured" : error.reason;
    return refuse(outcome, bound, { claimedTenant: params.tenant, detail: error.message });
  }

  if (record.customer.tenantId && record.customer.tenantId !== proof.tenantId) {
    return refuse("tenant-mismatch", bound, { recordedTenant: record.customer.tenantId, provenTenant: proof.tenantId });
  }
  const other = await db.customer.findFirst({
    where: { workspaceId: bound.workspaceId, tenantId: proof.tenantId, NOT: { id: bound.customerId } },
    select: { id: true, displayName: true },
  });
  if (other) return refuse("tenant-already-onboarded", bound, { tenantId: proof.tenantId, otherCustomerId: other.id });

  const recorded = await db.$transaction(async (tx) => {
    const used = await tx.consentInvite.updateMany({ where: { id: bound.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return false;
    await tx.customer.update({
      where: { id: bound.customerId },
      data: {
        tenantId: proof.tenantId,
        tenantName: proof.organizationName,
        consentedAt: now,
        grantedRoles: proof.grantedRoles,
        // A re-consent of a customer that is already further along keeps its status.
        ...(record.customer.status === "invited" || record.customer.status === "needs_attention" ? { status: "consented" } : {}),
      },
    });
    await recordAudit(
      {
        workspaceId: bound.workspaceId,
        actor: "customer-admin",
        action: "consent.granted",
        target: `customer:${bound.customerId}`,
        details: {
          inviteId: bound.id,
          tenantId: proof.tenantId,
          organizationName: proof.organizationName,
          grantedRoles: proof.grantedRoles,
          scope: clip(params.scope) ?? null,
        },
      },
      tx,
    );
    return true;
  }).catch((error: unknown) => {
    // The (workspace, tenant) unique index closes the race with a concurrent onboarding.
    if ((error as { code?: unknown }).code === "P2002") return "duplicate" as const;
    throw error;
  });
  if (recorded === "duplicate") return refuse("tenant-already-onboarded", bound, { tenantId: proof.tenantId });
  if (!recorded) return refuse("invite-used", bound, {});
  return { outcome: "granted", inviteId: bound.id };
}
