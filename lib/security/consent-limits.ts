import "server-only";
import type pg from "pg";
import { recordRepeatableRefusal } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { deriveStateKey, verifyConsentState } from "@/lib/onboarding/consent-state";
import { hashInviteToken, isWellFormedInviteToken } from "@/lib/onboarding/invite-token";
import { rateLimitAddressKey } from "./client-address";
import { postgresRateLimiter, rateLimitPool, type LimitDecision, type RateLimiter } from "./rate-limit";

/** The three public edges of the consent flow; page and start share one bucket per link. */
export type ConsentEdge = "page" | "start" | "callback";

export interface ConsentLimitSubject {
  /** The client address (request-address.ts). */
  address: string;
  /** The consent link's token (page and start). */
  inviteToken?: string;
  /** The callback's state; only a state we signed names an invite. */
  state?: string;
}

export interface ConsentLimits {
  check(edge: ConsentEdge, subject: ConsentLimitSubject): Promise<LimitDecision>;
}

export interface ConsentLimitSettings {
  perAddress: number;
  perInvite: number;
  windowSeconds: number;
}

/** Where the invite behind a refused request lives, so the summary lands in its MSSP's trail. */
type InviteRef = { tokenHash: string } | { id: string };

interface Deps {
  pool: pg.Pool;
  settings: ConsentLimitSettings;
  /** Key that verifies consent states; without it no callback is attributed to an invite. */
  stateKey?: Buffer;
  now?: () => Date;
}

/**
 * Per client address (all three edges together) and per invite (the link's page and start, or
 * the callbacks of its states). An unsigned or foreign state counts against its address only,
 * so nobody can use up a real invite's allowance without holding one of its states. The first
 * refused request of a window writes one audit event; identical ones collapse into it.
 */
export function createConsentLimits(deps: Deps): ConsentLimits {
  const { perAddress, perInvite, windowSeconds } = deps.settings;
  const byAddress = postgresRateLimiter(deps.pool, { name: "consent-address", points: perAddress, durationSeconds: windowSeconds });
  const byLink = postgresRateLimiter(deps.pool, { name: "consent-link", points: perInvite, durationSeconds: windowSeconds });
  const byCallback = postgresRateLimiter(deps.pool, { name: "consent-callback", points: perInvite, durationSeconds: windowSeconds });
  const now = deps.now ?? (() => new Date());

  function inviteOf(edge: ConsentEdge, subject: ConsentLimitSubject): { limiter: RateLimiter; key: string; ref: InviteRef } | null {
    if (edge !== "callback") {
      if (!subject.inviteToken || !isWellFormedInviteToken(subject.inviteToken)) return null;
      const tokenHash = hashInviteToken(subject.inviteToken);
      return { limiter: byLink, key: tokenHash, ref: { tokenHash } };
    }
    if (!subject.state || !deps.stateKey) return null;
    const verified = verifyConsentState(subject.state, deps.stateKey, now());
    return verified.ok ? { limiter: byCallback, key: verified.payload.inviteId, ref: { id: verified.payload.inviteId } } : null;
  }

  return {
    async check(edge, subject) {
      // An IPv6 client is counted by its /64: it could otherwise rotate addresses inside it.
      const address = await byAddress.consume(rateLimitAddressKey(subject.address));
      if (!address.allowed) {
        if (address.firstRefusal) await recordLimited(edge, "address", subject.address, perAddress, windowSeconds, null);
        return address;
      }
      const invite = inviteOf(edge, subject);
      if (!invite) return address;
      const decision = await invite.limiter.consume(invite.key);
      if (!decision.allowed && decision.firstRefusal) {
        await recordLimited(edge, "invite", subject.address, perInvite, windowSeconds, invite.ref);
      }
      return decision;
    },
  };
}

async function recordLimited(
  edge: ConsentEdge,
  scope: "address" | "invite",
  address: string,
  limit: number,
  windowSeconds: number,
  ref: InviteRef | null,
): Promise<void> {
  const invite = ref
    ? await db.consentInvite.findUnique({ where: ref, select: { id: true, workspaceId: true, customerId: true } })
    : null;
  await recordRepeatableRefusal({
    workspaceId: invite?.workspaceId ?? null,
    actor: "anonymous",
    action: "consent.rate-limited",
    target: invite ? `customer:${invite.customerId}` : undefined,
    details: { edge, scope, address, limit, windowSeconds, ...(invite ? { inviteId: invite.id } : {}) },
  });
}

const globalForLimits = globalThis as unknown as { gatehouseConsentLimits?: ConsentLimits };

/** The deployment's limits, from CONSENT_RATE_LIMIT_* (README). */
export function consentLimits(): ConsentLimits {
  globalForLimits.gatehouseConsentLimits ??= createConsentLimits({
    pool: rateLimitPool(),
    settings: {
      perAddress: env.CONSENT_RATE_LIMIT_PER_ADDRESS,
      perInvite: env.CONSENT_RATE_LIMIT_PER_INVITE,
      windowSeconds: env.CONSENT_RATE_LIMIT_WINDOW_SECONDS,
    },
    stateKey: env.AUTH_SECRET ? deriveStateKey(env.AUTH_SECRET) : undefined,
  });
  return globalForLimits.gatehouseConsentLimits;
}
