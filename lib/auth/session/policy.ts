// Pure: whether a portal session is still alive at `now`, and what the request must do.
import type { SessionEndReason } from "@/lib/generated/prisma/enums";

export type { SessionEndReason };

export interface SessionLimits {
  absoluteMs: number;
  idleMs: number;
  /** how often Entra is asked again about the user (refresh-token grant) */
  roleCheckMs: number;
}

/**
 * However often checks are scheduled, a session whose user Entra has not confirmed for this
 * long is not trusted: an outage at Entra then fails closed instead of extending access.
 */
export const ROLE_CHECK_LIMIT_MS = 15 * 60_000;
/** lastSeenAt is written at most this often, so a busy page costs no write per request. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  roleCheckedAt: Date;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
}

export type SessionVerdict =
  | { alive: false; reason: SessionEndReason; alreadyEnded: boolean }
  | { alive: true; touch: boolean; recheck: boolean };

export function limitsFrom(settings: { SESSION_ABSOLUTE_HOURS: number; SESSION_IDLE_MINUTES: number; SESSION_ROLE_CHECK_MINUTES: number }): SessionLimits {
  return {
    absoluteMs: settings.SESSION_ABSOLUTE_HOURS * 3_600_000,
    idleMs: settings.SESSION_IDLE_MINUTES * 60_000,
    roleCheckMs: Math.min(settings.SESSION_ROLE_CHECK_MINUTES * 60_000, ROLE_CHECK_LIMIT_MS),
  };
}

export function judgeSession(session: SessionTimes, now: Date, limits: SessionLimits): SessionVerdict {
  if (session.endedAt) return { alive: false, reason: session.endReason ?? "sign_out", alreadyEnded: true };
  const t = now.getTime();
  // The absolute limit first: an idle session past its absolute expiry ended for that reason.
  if (t >= session.expiresAt.getTime()) return { alive: false, reason: "absolute", alreadyEnded: false };
  if (t - session.lastSeenAt.getTime() >= limits.idleMs) return { alive: false, reason: "idle", alreadyEnded: false };
  return {
    alive: true,
    touch: t - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS,
    recheck: t - session.roleCheckedAt.getTime() >= limits.roleCheckMs,
  };
}

/** After a failed check that said nothing about the user: keep going only within the limit. */
export function withinRoleCheckLimit(roleCheckedAt: Date, now: Date): boolean {
  return now.getTime() - roleCheckedAt.getTime() < ROLE_CHECK_LIMIT_MS;
}

export const SESSION_END_MESSAGES: Record<SessionEndReason, { title: string; body: string }> = {
  sign_out: {
    title: "You signed out",
    body: "This session was signed out. Sign in again to continue.",
  },
  idle: {
    title: "Your session ended: it was inactive for too long",
    body: "Gatehouse ends a session that has not been used for a while, so an unattended browser does not stay signed in. Sign in again to continue.",
  },
  absolute: {
    title: "Your session ended: it reached its maximum length",
    body: "A Gatehouse sign-in lasts a limited number of hours, however active you are. Sign in again to continue.",
  },
  role_removed: {
    title: "Your session ended: your Gatehouse role was removed",
    body: "Your account no longer has a Gatehouse app role (Admin, Approver or Analyst) in Microsoft Entra ID. If that is a mistake, ask an administrator of your Entra tenant to assign it again, then sign in.",
  },
  account_disabled: {
    title: "Your session ended: your account is disabled",
    body: "Microsoft Entra ID reports that your account is disabled, so Gatehouse ended your session. Contact your administrator.",
  },
  revoked_at_entra: {
    title: "Your session ended: Microsoft asked you to sign in again",
    body: "Microsoft Entra ID no longer accepts this sign-in (for example, your sessions were revoked or your sign-in expired). Sign in again to continue.",
  },
  unverifiable: {
    title: "Your session ended: Gatehouse could not confirm your account",
    body: "Gatehouse re-checks your account with Microsoft every few minutes and could not reach Microsoft Entra ID for too long, so it ended your session to be safe. Sign in again; if Microsoft is unavailable, try later.",
  },
};

export function isSessionEndReason(value: unknown): value is SessionEndReason {
  return typeof value === "string" && Object.hasOwn(SESSION_END_MESSAGES, value);
}
