import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit, userActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { TOUCH_INTERVAL_MS, type SessionEndReason, type SessionLimits } from "./policy";
import { sealRefreshToken } from "./seal";

export interface SessionRow {
  id: string;
  workspaceId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  roleCheckedAt: Date;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
  user: {
    id: string;
    objectId: string;
    tenantId: string;
    name: string;
    email: string;
    role: string;
    workspace: { id: string; name: string; tenantId: string; primaryDomain: string };
  };
}

type FlatRow = Omit<SessionRow, "user"> & {
  userId: string;
  objectId: string;
  userTenantId: string;
  name: string;
  email: string;
  role: string;
  workspaceName: string;
  workspaceTenantId: string;
  primaryDomain: string;
};

/**
 * What one request needs: one query by primary key, joined in SQL (Prisma's nested select would
 * send one query per relation on every request).
 */
export async function readSession(sessionId: string): Promise<SessionRow | null> {
  const rows = await db.$queryRaw<FlatRow[]>`
    SELECT s."id", s."workspaceId"::text AS "workspaceId", s."lastSeenAt", s."expiresAt", s."roleCheckedAt", s."endedAt",
           s."endReason"::text AS "endReason", u."id"::text AS "userId", u."objectId"::text AS "objectId",
           u."tenantId"::text AS "userTenantId", u."name", u."email", u."role"::text AS "role",
           w."name" AS "workspaceName", w."tenantId"::text AS "workspaceTenantId", w."primaryDomain"
    FROM "PortalSession" s
    JOIN "PortalUser" u ON u."id" = s."userId" AND u."workspaceId" = s."workspaceId"
    JOIN "Workspace" w ON w."id" = s."workspaceId"
    WHERE s."id" = ${sessionId}`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    roleCheckedAt: row.roleCheckedAt,
    endedAt: row.endedAt,
    endReason: row.endReason,
    user: {
      id: row.userId,
      objectId: row.objectId,
      tenantId: row.userTenantId,
      name: row.name,
      email: row.email,
      role: row.role,
      workspace: { id: row.workspaceId, name: row.workspaceName, tenantId: row.workspaceTenantId, primaryDomain: row.primaryDomain },
    },
  };
}

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
  await pruneSessions(args.userId, now, args.limits);
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

/** Sessions past every limit can be deleted; the audit trail keeps their history. */
const KEEP_SESSIONS_MS = 30 * 24 * 3_600_000;

/**
 * At each sign-in, tidies the user's older sessions: a session past its absolute or idle limit
 * loses its sealed refresh token now (an abandoned browser may never come back to end it), and
 * rows older than 30 days go.
 */
async function pruneSessions(userId: string, now: Date, limits: SessionLimits): Promise<void> {
  await db.portalSession.updateMany({
    where: {
      userId,
      refreshTokenSealed: { not: null },
      OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - limits.idleMs) } }],
    },
    data: { refreshTokenSealed: null },
  });
  await db.portalSession.deleteMany({ where: { userId, createdAt: { lt: new Date(now.getTime() - KEEP_SESSIONS_MS) } } });
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
