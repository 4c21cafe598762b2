import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { CONSENT_STATE_LIFETIME_MS, deriveStateKey, signConsentState } from "./consent-state";
import { adminConsentUrl, consentCallbackUri } from "./consent-url";
import { hashInviteToken, inviteState, isWellFormedInviteToken, type InviteState } from "./invite-token";

export type InviteLookup =
  | { found: false }
  | {
      found: true;
      inviteId: string;
      state: InviteState;
      expiresAt: Date;
      customer: { displayName: string; primaryDomain: string };
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
      customer: { select: { displayName: true, primaryDomain: true } },
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

export type ConsentStart = { ok: true; url: string } | { ok: false; reason: InviteState | "unknown" | "not-configured" };

/**
 * The customer's admin pressed "Grant consent": bind a fresh nonce to the invite and send them
 * to Microsoft with a signed state. Starting again replaces the nonce, so only the newest
 * attempt can complete.
 */
export async function beginConsent(token: string, now = new Date()): Promise<ConsentStart> {
  const graph = graphAccessFromEnv();
  if (!graph || !env.AUTH_SECRET) return { ok: false, reason: "not-configured" };
  const invite = await lookupInvite(token, now);
  if (!invite.found) return { ok: false, reason: "unknown" };
  if (invite.state !== "active") return { ok: false, reason: invite.state };

  const nonce = randomBytes(16).toString("base64url");
  const bound = await db.consentInvite.updateMany({
    where: { id: invite.inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { stateNonce: nonce },
  });
  if (bound.count !== 1) return { ok: false, reason: "unknown" };

  const expiresAt = new Date(Math.min(now.getTime() + CONSENT_STATE_LIFETIME_MS, invite.expiresAt.getTime()));
  const state = signConsentState({ inviteId: invite.inviteId, nonce, expiresAt }, deriveStateKey(env.AUTH_SECRET));
  const full = await db.consentInvite.findUniqueOrThrow({
    where: { id: invite.inviteId },
    select: { workspaceId: true, customerId: true },
  });
  await recordAudit({
    workspaceId: full.workspaceId,
    actor: "customer-admin",
    action: "consent.started",
    target: `customer:${full.customerId}`,
    details: { inviteId: invite.inviteId },
  });
  return {
    ok: true,
    url: adminConsentUrl({
      authorityHost: graph.authorityHost,
      customerDomain: invite.customer.primaryDomain,
      clientId: graph.clientId,
      redirectUri: consentCallbackUri(env.AUTH_URL),
      state,
    }),
  };
}
