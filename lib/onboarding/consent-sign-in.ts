import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { AdminSignInError, signedInAdmin } from "@/lib/graph/admin-sign-in";
import { CONSENT_LINK_ACTOR, customerAdminActor } from "./actors";
import { CONSENT_STATE_LIFETIME_MS, deriveStateKey, oidcNonce, signConsentState, type ConsentStatePayload } from "./consent-state";
import { clip, refuse, refuseUnspent, spendState, type BoundInvite, type CallbackResult } from "./consent-steps";
import { adminConsentUrl, adminSignInRedirectUri, consentCallbackUri } from "./consent-url";
import { microsoftErrorCode } from "./microsoft-errors";
import { outcomeForMicrosoftError } from "./outcomes";

export interface SignInParams {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

export type SignInResult = { next: "consent"; url: string } | { next: "result"; result: CallbackResult };

const done = (result: CallbackResult): SignInResult => ({ next: "result", result });

/**
 * The admin's OpenID sign-in came back (`/api/consent/signed-in`). The state is spent and
 * replaced by the consent step's state, which carries the admin the ID token proved; only then
 * is the browser sent to the admin-consent endpoint of exactly that tenant.
 * `codeVerifier` comes from the cookie set when this browser pressed "Grant consent".
 */
export async function handleAdminSignIn(params: SignInParams, codeVerifier: string | undefined, now = new Date()): Promise<SignInResult> {
  const nextNonce = randomBytes(16).toString("base64url");
  const spent = await spendState(params.state, "sign-in", nextNonce, now);
  if (!spent.ok) {
    return done(await refuseUnspent(spent, { claimedError: clip(params.error, 100), reportedByRedirect: clip(params.errorDescription) }, { step: "sign-in" }));
  }
  try {
    return await afterSpend(params, codeVerifier, spent.invite, spent.payload, nextNonce, now);
  } catch (error) {
    // The nonce is spent: the attempt must end in a refusal the customer and the MSSP can see.
    console.error("Consent sign-in failed", error);
    return done(await refuse("sign-in-failed", spent.invite, CONSENT_LINK_ACTOR, { step: "sign-in", detail: "Gatehouse could not finish checking the sign-in." }));
  }
}

async function afterSpend(params: SignInParams, codeVerifier: string | undefined, invite: BoundInvite, payload: ConsentStatePayload, nextNonce: string, now: Date): Promise<SignInResult> {
  if (params.error) {
    const code = microsoftErrorCode(params.errorDescription);
    return done(
      await refuse(outcomeForMicrosoftError(params.error, params.errorDescription), invite, CONSENT_LINK_ACTOR, {
        step: "sign-in",
        error: clip(params.error, 100),
        reportedByRedirect: clip(params.errorDescription),
      }, code),
    );
  }
  const config = graphAccessFromEnv();
  if (!config || !env.AUTH_SECRET) return done(await refuse("not-configured", invite, CONSENT_LINK_ACTOR, { step: "sign-in" }));
  // PKCE ties the code to the browser that started: another browser has no verifier.
  if (!codeVerifier) return done(await refuse("browser-mismatch", invite, CONSENT_LINK_ACTOR, { step: "sign-in" }));
  if (!params.code) return done(await refuse("sign-in-failed", invite, CONSENT_LINK_ACTOR, { step: "sign-in", detail: "no authorization code" }));

  const customer = await db.customer.findUniqueOrThrow({
    where: { id: invite.customerId },
    select: { primaryDomain: true, resolvedTenantId: true, tenantId: true },
  });
  // A customer with a recorded tenant may only be re-consented from it; else the resolved one.
  const expectedTenantId = customer.tenantId ?? customer.resolvedTenantId;
  const key = deriveStateKey(env.AUTH_SECRET);
  let result;
  try {
    result = await signedInAdmin(config, {
      tenant: customer.resolvedTenantId ?? "organizations",
      code: params.code,
      redirectUri: adminSignInRedirectUri(env.AUTH_URL),
      codeVerifier,
      nonce: oidcNonce(key, payload.nonce),
      expectedTenantId,
      now,
    });
  } catch (error) {
    if (!(error instanceof AdminSignInError)) throw error;
    return done(await refuse("sign-in-failed", invite, CONSENT_LINK_ACTOR, { step: "sign-in", detail: clip((error as Error).message) }));
  }
  if (!result.ok) {
    const signedIn = result.reason === "invalid-token" ? {} : { signedIn: { upn: clip(result.upn, 200), tenantId: result.tenantId } };
    const outcome = result.reason === "invalid-token" ? "sign-in-failed" : result.reason === "wrong-tenant" ? "wrong-tenant" : "admin-role-required";
    return done(
      await refuse(outcome, invite, CONSENT_LINK_ACTOR, {
        step: "sign-in",
        ...signedIn,
        ...(result.reason === "invalid-token" ? { detail: result.detail } : {}),
        ...(result.reason === "wrong-tenant" ? { expectedTenant: expectedTenantId, expectedDomain: customer.primaryDomain } : {}),
      }),
    );
  }
  return { next: "consent", url: await consentStep(invite, payload, nextNonce, result.admin, now) };
}

async function consentStep(invite: BoundInvite, signIn: ConsentStatePayload, nonce: string, admin: { tenantId: string; objectId: string; name: string; upn: string; role: string }, now: Date): Promise<string> {
  const config = graphAccessFromEnv()!;
  const link = await db.consentInvite.findUniqueOrThrow({ where: { id: invite.id }, select: { usedAt: true, revokedAt: true, expiresAt: true } });
  const expiresAt = new Date(Math.min(now.getTime() + CONSENT_STATE_LIFETIME_MS, link.expiresAt.getTime()));
  const state = signConsentState(
    {
      inviteId: invite.id,
      attempt: signIn.attempt,
      nonce,
      step: "consent",
      expiresAt,
      admin: { tenantId: admin.tenantId, objectId: admin.objectId, name: admin.name.slice(0, 200), upn: admin.upn.slice(0, 200) },
    },
    deriveStateKey(env.AUTH_SECRET!),
  );
  await recordAudit({
    workspaceId: invite.workspaceId,
    actor: customerAdminActor(admin.objectId),
    action: "consent.signed-in",
    target: `customer:${invite.customerId}`,
    details: { inviteId: invite.id, tenantId: admin.tenantId, name: admin.name, upn: admin.upn, role: admin.role },
  });
  return adminConsentUrl({
    authorityHost: config.authorityHost,
    tenant: admin.tenantId,
    clientId: config.clientId,
    redirectUri: consentCallbackUri(env.AUTH_URL),
    state,
  });
}
