import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordRepeatableRefusal } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ANONYMOUS_ACTOR, CONSENT_LINK_ACTOR } from "./actors";
import { deriveStateKey, verifyConsentState, type ConsentStatePayload, type ConsentStep } from "./consent-state";
import { inviteState } from "./invite-token";
import type { ConsentOutcome } from "./outcomes";

/** How one request of the consent flow ended; the route turns it into a signed result URL. */
export interface CallbackResult {
  outcome: ConsentOutcome;
  /** the invite the state belonged to; absent when the state was not ours */
  inviteId?: string;
  /** Entra's AADSTS number when the redirect reported an error */
  microsoftCode?: string;
}

export interface BoundInvite {
  id: string;
  workspaceId: string;
  customerId: string;
}

/** Anyone can call these endpoints: whatever they echo into the audit log is bounded. */
export function clip(text: string | undefined, max = 500): string | null {
  return text ? text.slice(0, max) : null;
}

export async function refuse(
  outcome: ConsentOutcome,
  invite: BoundInvite | null,
  actor: string,
  details: Prisma.InputJsonObject,
  microsoftCode?: string,
  claims: Prisma.InputJsonObject = {},
): Promise<CallbackResult> {
  // Anyone can replay a callback: identical refusals collapse into one event with a count.
  // `claims` (the caller's own text) is kept but does not tell refusals apart.
  await recordRepeatableRefusal(
    {
      workspaceId: invite?.workspaceId ?? null,
      actor,
      action: "consent.refused",
      target: invite ? `customer:${invite.customerId}` : undefined,
      details: { reason: outcome, ...(invite ? { inviteId: invite.id } : {}), ...details },
    },
    new Date(),
    claims,
  );
  return { outcome, ...(invite ? { inviteId: invite.id } : {}), ...(microsoftCode ? { microsoftCode } : {}) };
}

/**
 * A refusal for a state that could not be spent: it names the link's holder at most, never a
 * person. Such a request can be replayed at will, so everything it claims (tenant, error text)
 * is kept as `claims`: a flood that varies them still collapses into one event with a count.
 */
export function refuseUnspent(
  spent: Extract<SpentState, { ok: false }>,
  claims: Prisma.InputJsonObject,
  details: Prisma.InputJsonObject = {},
): Promise<CallbackResult> {
  return refuse(spent.problem, spent.invite, spent.invite ? CONSENT_LINK_ACTOR : ANONYMOUS_ACTOR, details, undefined, claims);
}

export type SpentState =
  | { ok: true; invite: BoundInvite; payload: ConsentStatePayload }
  | { ok: false; invite: BoundInvite | null; payload: ConsentStatePayload | null; problem: ConsentOutcome };

/**
 * Verifies a state for one step and spends its nonce in one conditional statement, so it works
 * once; `next` is the nonce of the following step's state (null at the end of the flow). A
 * genuine state that cannot be spent still names its invite, and says why: the link was used or
 * withdrawn, a newer attempt replaced this one, or this answer was already processed.
 */
export async function spendState(state: string | undefined, step: ConsentStep, next: string | null, now: Date): Promise<SpentState> {
  if (!state || !env.AUTH_SECRET) return { ok: false, invite: null, payload: null, problem: "invalid-state" };
  const verified = verifyConsentState(state, deriveStateKey(env.AUTH_SECRET), now);
  if (!verified.ok) return { ok: false, invite: null, payload: null, problem: verified.reason === "expired" ? "state-expired" : "invalid-state" };
  const { payload } = verified;
  const found = await db.consentInvite.findUnique({
    where: { id: payload.inviteId },
    select: { id: true, workspaceId: true, customerId: true },
  });
  if (!found) return { ok: false, invite: null, payload: null, problem: "invalid-state" };
  // A signed state of the other step is ours, but not an answer this endpoint expects.
  if (payload.step !== step) return { ok: false, invite: found, payload, problem: "invalid-state" };

  const spent = await db.consentInvite.updateMany({
    where: { id: found.id, stateNonce: payload.nonce, stateAttempt: payload.attempt, usedAt: null, revokedAt: null },
    data: { stateNonce: next },
  });
  if (spent.count === 1) return { ok: true, invite: found, payload };
  const now_ = await db.consentInvite.findUniqueOrThrow({
    where: { id: found.id },
    select: { usedAt: true, revokedAt: true, expiresAt: true, stateAttempt: true },
  });
  const linkState = inviteState(now_, now);
  const problem: ConsentOutcome =
    linkState !== "active" ? `invite-${linkState}` : now_.stateAttempt !== payload.attempt ? "state-superseded" : "state-replayed";
  return { ok: false, invite: found, payload, problem };
}
