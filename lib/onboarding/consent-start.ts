import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { adminSignInUrl, newPkceVerifier } from "@/lib/graph/admin-sign-in";
import { CONSENT_STATE_LIFETIME_MS, deriveStateKey, oidcNonce, signConsentState } from "./consent-state";
import { adminSignInRedirectUri } from "./consent-url";
import { CONSENT_LINK_ACTOR } from "./actors";
import { hashInviteToken, inviteState, isWellFormedInviteToken, type InviteState } from "./invite-token";

export type InviteLookup =
  | { found: false }
  | {
      found: true;
      inviteId: string;
      state: InviteState;
      expiresAt: Date;
      customer: { displayName: string; primaryDomain: string; resolvedTenantId: string | null };
      mssp: { name: string; primaryDomain: string };
    };

/** What the public consent page may show for a token; nothing for a token that is not ours. */
export async function lookupInvite(token: string, now = new Date()): Promise<InviteLookup> {
  if (!isWellFormedInviteToken(token)) return { found: false };
  const invite = await db.consentInvite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      customer: { select: { displayName: true, primaryDomain: true, resolvedTenantId: true } },
      workspace: { select: { name: true, primaryDomain: true } },
    },
  });
  if (!invite) return { found: false };
  return {
    found: true,
    inviteId: invite.id,
    state: inviteState(invite, now),
    expiresAt: invite.expiresAt,
    customer: invite.customer,
    mssp: invite.workspace,
  };
}

export type ConsentStart =
  | { ok: true; url: string; /** PKCE verifier: kept in a cookie of this browser until the sign-in returns */ codeVerifier: string }
  | { ok: false; reason: InviteState | "unknown" | "not-configured" };

/**
 * The customer's admin pressed "Grant consent": start a new attempt (replacing any older one,
 * so only the newest can complete) and send them to sign in at Microsoft first. The sign-in is
 * what proves a person of the customer's tenant with an admin role is acting; the admin-consent
 * step follows once that is proven (consent-sign-in.ts).
 */
export async function beginConsent(token: string, now = new Date()): Promise<ConsentStart> {
  const graph = graphAccessFromEnv();
  if (!graph || !env.AUTH_SECRET) return { ok: false, reason: "not-configured" };
  const invite = await lookupInvite(token, now);
  if (!invite.found) return { ok: false, reason: "unknown" };
  if (invite.state !== "active") return { ok: false, reason: invite.state };

  const nonce = randomBytes(16).toString("base64url");
  const attempt = randomBytes(12).toString("base64url");
  const bound = await db.consentInvite.updateMany({
    where: { id: invite.inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { stateNonce: nonce, stateAttempt: attempt },
  });
  if (bound.count !== 1) return { ok: false, reason: "unknown" };

  const key = deriveStateKey(env.AUTH_SECRET);
  const expiresAt = new Date(Math.min(now.getTime() + CONSENT_STATE_LIFETIME_MS, invite.expiresAt.getTime()));
  const state = signConsentState({ inviteId: invite.inviteId, attempt, nonce, step: "sign-in", expiresAt }, key);
  const full = await db.consentInvite.findUniqueOrThrow({
    where: { id: invite.inviteId },
    select: { workspaceId: true, customerId: true },
  });
  await recordAudit({
    workspaceId: full.workspaceId,
    actor: CONSENT_LINK_ACTOR,
    action: "consent.started",
    target: `customer:${full.customerId}`,
    details: { inviteId: invite.inviteId },
  });
  const codeVerifier = newPkceVerifier();
  return {
    ok: true,
    codeVerifier,
    url: adminSignInUrl({
      authorityHost: graph.authorityHost,
      // A customer added before domains were resolved has no tenant yet: any work account may
      // sign in, and the ID token's tenant must then own the domain (checked at the callback).
      tenant: invite.customer.resolvedTenantId ?? "organizations",
      clientId: graph.clientId,
      redirectUri: adminSignInRedirectUri(env.AUTH_URL),
      state,
      nonce: oidcNonce(key, nonce),
      codeVerifier,
    }),
  };
}
