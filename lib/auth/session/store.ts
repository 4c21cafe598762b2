import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit, userActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { TOUCH_INTERVAL_MS, type SessionEndReason, type SessionLimits } from "./policy";
import { sealRefreshToken } from "./seal";

/** What one request needs, read in one query by primary key. */
export const sessionSelect = {
  id: true,
  workspaceId: true,
  lastSeenAt: true,
  expiresAt: true,
  roleCheckedAt: true,
  endedAt: true,
  endReason: true,
  user: {
    select: {
      id: true,
      objectId: true,
      tenantId: true,
      name: true,
      email: true,
      role: true,
      workspace: { select: { id: true, name: true, tenantId: true, primaryDomain: true } },
    },
  },
} as const;

export async function readSession(sessionId: string) {
  return db.portalSession.findUnique({ where: { id: sessionId }, select: sessionSelect });
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof readSession>>>;

export async function createSession(args: {
  userId: string;
  workspaceId: string;
  refreshToken: string | undefined;
  secret: string;
  limits: SessionLimits;
  now?: Date;
}): Promise<string> {
  const now = args.now ?? new Date();
  const id = randomBytes(32).toString("base64url");
  await db.portalSession.create({
    data: {
      id,
      userId: args.userId,
      workspaceId: args.workspaceId,
      createdAt: now,
      lastSeenAt: now,
      roleCheckedAt: now,
      expiresAt: new Date(now.getTime() + args.limits.absoluteMs),
      // Without a refresh token the first check cannot ask Entra and the session ends then
      // (fail closed); Entra always returns one when offline_access is granted.
      refreshTokenSealed: args.refreshToken ? sealRefreshToken(args.secret, id, args.refreshToken) : null,
    },
    select: { id: true },
  });
  return id;
}

/** Records activity at most once a minute: the conditional update makes concurrent requests one write. */
export async function touchSession(sessionId: string, now: Date): Promise<void> {
  await db.portalSession.updateMany({
    where: { id: sessionId, endedAt: null, lastSeenAt: { lte: new Date(now.getTime() - TOUCH_INTERVAL_MS) } },
    data: { lastSeenAt: now },
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Ends a live session once, with one audit event; the refresh token is dropped with it. A
 * session that already ended is left as it is (its first reason stands). Returns whether this
 * call ended it. Pass `tx` when the caller already holds the session row's lock.
 */
export async function endSession(sessionId: string, reason: SessionEndReason, now: Date, details: Record<string, string> = {}, tx?: Tx): Promise<boolean> {
  if (!tx) return db.$transaction((inner) => endSession(sessionId, reason, now, details, inner));
  const ended = await tx.portalSession.updateManyAndReturn({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: now, endReason: reason, refreshTokenSealed: null },
    select: { workspaceId: true, createdAt: true, user: { select: { id: true, objectId: true } } },
  });
  const row = ended[0];
  if (!row) return false;
  await recordAudit(
    {
      workspaceId: row.workspaceId,
      actor: reason === "sign_out" ? userActor(row.user.objectId) : "system",
      action: reason === "sign_out" ? "auth.sign_out" : "auth.session_ended",
      target: `user:${row.user.id}`,
      details: { reason, sessionStartedAt: row.createdAt.toISOString(), ...details },
    },
    tx,
  );
  return true;
}
