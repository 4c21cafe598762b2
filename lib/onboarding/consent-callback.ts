import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { proveAdminConsent, ConsentProofError } from "@/lib/graph/consent-proof";
import { graphAccessFromEnv } from "@/lib/graph-access";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordProvenConsent } from "./consent-record";
import { deriveStateKey, verifyConsentState } from "./consent-state";
import { inviteState } from "./invite-token";
import { outcomeForMicrosoftError, type ConsentOutcome } from "./outcomes";
import { isGuid } from "@/lib/utils/guid";
import { provisionAfterConsent } from "@/lib/jobs/provisioning-requests";

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
}

interface BoundInvite {
  id: string;
  workspaceId: string;
  customerId: string;
}


/** Anyone can call the callback: whatever it echoes into the audit log is bounded. */
function clip(text: string | undefined, max = 500): string | null {
  return text ? text.slice(0, max) : null;
}

async function refuse(outcome: ConsentOutcome, invite: BoundInvite | null, details: Prisma.InputJsonObject): Promise<CallbackResult> {
  await recordAudit({
    workspaceId: invite?.workspaceId ?? null,
    actor: "customer-admin",
    action: "consent.refused",
    target: invite ? `customer:${invite.customerId}` : undefined,
    details: { reason: outcome, ...(invite ? { inviteId: invite.id } : {}), ...details },
  });
  return { outcome, inviteId: invite?.id };
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
  const claimed = { claimedTenant: clip(params.tenant, 100) };

  // A state that is not a live one of ours decides first: its error text, if any, is nobody's
  // word, so it is kept apart from Microsoft's messages and never shown.
  if (problem || !invite) {
    return refuse(problem ?? "invalid-state", invite, { ...claimed, claimedError: clip(params.error, 100), claimedErrorDescription: clip(params.errorDescription) });
  }
  // Microsoft's error redirect also says admin_consent=True: the error decides.
  if (params.error) {
    return refuse(outcomeForMicrosoftError(params.error, params.errorDescription), invite, {
      error: clip(params.error, 100),
      errorDescription: clip(params.errorDescription),
    });
  }
  try {
    return await proveAndRecord(params, invite, now);
  } catch (error) {
    // The nonce is spent: the attempt must end in a refusal the customer and the MSSP can see.
    console.error("Consent callback failed", error);
    return refuse("microsoft-error", invite, { ...claimed, detail: "Gatehouse could not finish checking the consent." });
  }
}

async function proveAndRecord(params: CallbackParams, bound: BoundInvite, now: Date): Promise<CallbackResult> {
  const claimed = { claimedTenant: clip(params.tenant, 100) };
  const record = await db.consentInvite.findUniqueOrThrow({
    where: { id: bound.id },
    select: { usedAt: true, revokedAt: true, expiresAt: true, customer: { select: { primaryDomain: true, tenantId: true, status: true } } },
  });
  const state = inviteState(record, now);
  if (state !== "active") return refuse(`invite-${state}`, bound, claimed);

  const config = graphAccessFromEnv();
  if (!config) return refuse("not-configured", bound, claimed);
  if (!isGuid(params.tenant)) return refuse("microsoft-error", bound, { ...claimed, detail: "no tenant id" });

  let proof;
  try {
    proof = await proveAdminConsent(config, { claimedTenantId: params.tenant, customerDomain: record.customer.primaryDomain });
  } catch (error) {
    if (!(error instanceof ConsentProofError)) throw error;
    return refuse(error.reason === "app-misconfigured" ? "not-configured" : error.reason, bound, { ...claimed, detail: error.message });
  }

  if (record.customer.tenantId && record.customer.tenantId !== proof.tenantId) {
    return refuse("tenant-mismatch", bound, { recordedTenant: record.customer.tenantId, provenTenant: proof.tenantId });
  }
  // One multi-tenant app serves every workspace, so a tenant that consented for one MSSP would
  // also yield tokens for another: a tenant already onboarded anywhere in this deployment cannot
  // be claimed again through a consent callback.
  const holder = await db.customer.findFirst({
    where: { tenantId: proof.tenantId, NOT: { id: bound.customerId } },
    select: { id: true, workspaceId: true },
  });
  if (holder) {
    const sameWorkspace = holder.workspaceId === bound.workspaceId;
    return refuse(sameWorkspace ? "tenant-already-onboarded" : "tenant-in-another-workspace", bound, {
      tenantId: proof.tenantId,
      ...(sameWorkspace ? { otherCustomerId: holder.id } : {}),
    });
  }

  const outcome = await recordProvenConsent(
    { inviteId: bound.id, workspaceId: bound.workspaceId, customerId: bound.customerId, seen: record.customer },
    proof,
    { scope: clip(params.scope) },
    now,
  );
  if (outcome === "granted") {
    // ── Provisioning (issue 10): consent is proven, so build the blueprint now. One call that
    // never throws; the blueprint's autoProvisionOnConsent setting decides. ──
    await provisionAfterConsent({ workspaceId: bound.workspaceId, customerId: bound.customerId });
    return { outcome, inviteId: bound.id };
  }
  return refuse(outcome, bound, { tenantId: proof.tenantId });
}
