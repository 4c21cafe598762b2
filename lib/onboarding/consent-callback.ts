import "server-only";
import { db } from "@/lib/db";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { proveAdminConsent, ConsentProofError } from "@/lib/graph/consent-proof";
import { customerAdminActor } from "./actors";
import type { ProvenAdmin } from "./consent-state";
import { recordProvenConsent } from "./consent-record";
import { clip, refuse, refuseUnspent, spendState, type BoundInvite, type CallbackResult } from "./consent-steps";
import { inviteState } from "./invite-token";
import { microsoftErrorCode } from "./microsoft-errors";
import { outcomeForMicrosoftError } from "./outcomes";

export type { CallbackResult } from "./consent-steps";
import { provisionAfterConsent } from "@/lib/jobs/provisioning-requests";

export interface CallbackParams {
  error?: string;
  errorDescription?: string;
  state?: string;
  tenant?: string;
  scope?: string;
}

/**
 * Microsoft's admin-consent redirect (`/api/consent/callback`). Its state is the consent step's:
 * issued only after the customer's administrator signed in and their ID token was verified, so
 * it names that admin and their tenant. The callback's `tenant` must be that tenant, and the
 * app token and verified domain must prove the consent, before anything is recorded.
 */
export async function handleConsentCallback(params: CallbackParams, now = new Date()): Promise<CallbackResult> {
  const spent = await spendState(params.state, "consent", null, now);
  const claimed = { claimedTenant: clip(params.tenant, 100) };
  // A state that is not a live one of ours decides first: its error text, if any, is nobody's
  // word, so it is kept apart and never shown.
  if (!spent.ok) {
    return refuseUnspent(spent, { ...claimed, claimedError: clip(params.error, 100), reportedByRedirect: clip(params.errorDescription) });
  }
  const { invite, payload } = spent;
  const admin = payload.admin!;
  const actor = customerAdminActor(admin.objectId);
  const who = { grantedBy: { name: admin.name, upn: admin.upn, objectId: admin.objectId, tenantId: admin.tenantId } };
  // Microsoft's error redirect also says admin_consent=True: the error decides.
  if (params.error) {
    const code = microsoftErrorCode(params.errorDescription);
    return refuse(outcomeForMicrosoftError(params.error, params.errorDescription), invite, actor, {
      ...who,
      error: clip(params.error, 100),
      reportedByRedirect: clip(params.errorDescription),
    }, code);
  }
  try {
    return await proveAndRecord(params, invite, admin, now);
  } catch (error) {
    // The nonce is spent: the attempt must end in a refusal the customer and the MSSP can see.
    console.error("Consent callback failed", error);
    return refuse("microsoft-error", invite, actor, { ...claimed, ...who, detail: "Gatehouse could not finish checking the consent." });
  }
}

async function proveAndRecord(params: CallbackParams, bound: BoundInvite, admin: ProvenAdmin, now: Date): Promise<CallbackResult> {
  const actor = customerAdminActor(admin.objectId);
  const base = { claimedTenant: clip(params.tenant, 100), grantedBy: { name: admin.name, upn: admin.upn, objectId: admin.objectId, tenantId: admin.tenantId } };
  const no = (outcome: Parameters<typeof refuse>[0], details: Record<string, string | null> = {}) => refuse(outcome, bound, actor, { ...base, ...details });
  const record = await db.consentInvite.findUniqueOrThrow({
    where: { id: bound.id },
    select: { usedAt: true, revokedAt: true, expiresAt: true, customer: { select: { primaryDomain: true, tenantId: true, status: true } } },
  });
  const state = inviteState(record, now);
  if (state !== "active") return no(`invite-${state}`);

  const config = graphAccessFromEnv();
  if (!config) return no("not-configured");
  // The consent must come from the tenant the admin signed in to, nowhere else.
  if (params.tenant?.trim().toLowerCase() !== admin.tenantId) return no("tenant-mismatch", { provenTenant: admin.tenantId });
  if (record.customer.tenantId && record.customer.tenantId !== admin.tenantId) {
    return no("tenant-mismatch", { recordedTenant: record.customer.tenantId, provenTenant: admin.tenantId });
  }

  let proof;
  try {
    proof = await proveAdminConsent(config, { claimedTenantId: admin.tenantId, customerDomain: record.customer.primaryDomain });
  } catch (error) {
    if (!(error instanceof ConsentProofError)) throw error;
    return no(error.reason === "app-misconfigured" ? "not-configured" : error.reason, { detail: error.message });
  }

  // Early, readable refusals; the database's unique index and trigger decide any race.
  const mssp = await db.workspace.findFirst({ where: { tenantId: proof.tenantId }, select: { id: true } });
  if (mssp) return no("mssp-tenant", { tenantId: proof.tenantId });
  const holder = await db.customer.findFirst({
    where: { tenantId: proof.tenantId, NOT: { id: bound.customerId } },
    select: { id: true, workspaceId: true },
  });
  if (holder) {
    const sameWorkspace = holder.workspaceId === bound.workspaceId;
    return no(sameWorkspace ? "tenant-already-onboarded" : "tenant-in-another-workspace", {
      tenantId: proof.tenantId,
      ...(sameWorkspace ? { otherCustomerId: holder.id } : {}),
    });
  }

  const outcome = await recordProvenConsent(
    { inviteId: bound.id, workspaceId: bound.workspaceId, customerId: bound.customerId, seen: record.customer },
    proof,
    { scope: clip(params.scope), admin },
    now,
  );
  if (outcome === "granted") {
    // Consent is proven, so build the blueprint now: one call that never throws; the
    // blueprint's autoProvisionOnConsent setting decides.
    await provisionAfterConsent({ workspaceId: bound.workspaceId, customerId: bound.customerId });
    return { outcome, inviteId: bound.id };
  }
  return no(outcome, { tenantId: proof.tenantId });
}
