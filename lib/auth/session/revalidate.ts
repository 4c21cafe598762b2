import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { RefreshSubject, UserRefreshOutcome } from "@/lib/graph/user-refresh";
import { portalRoleFromClaim } from "../app-roles";
import { isPortalRole, type PortalRole } from "../permissions";
import { withinRoleCheckLimit, type SessionEndReason, type SessionLimits } from "./policy";
import { openRefreshToken, sealRefreshToken } from "./seal";
import { endSession } from "./store";

export interface RevalidationDeps {
  refresh: (subject: RefreshSubject) => Promise<UserRefreshOutcome>;
  secret: string;
  limits: SessionLimits;
  now: Date;
}

export type RevalidationResult =
  | { status: "valid"; role: PortalRole }
  /** Entra could not be asked, and the last confirmation is recent enough to keep going */
  | { status: "deferred"; role: PortalRole }
  | { status: "ended"; reason: SessionEndReason };

const ENDINGS: Record<Exclude<UserRefreshOutcome["kind"], "valid" | "unavailable">, SessionEndReason> = {
  disabled: "account_disabled",
  unassigned: "role_removed",
  refused: "revoked_at_entra",
};

/**
 * Asks Entra about the session's user again and applies the answer. The session row stays
 * locked meanwhile, so concurrent requests of one browser wait for one check instead of each
 * redeeming the refresh token; a request that got the lock after another one's check finds the
 * session fresh and asks nothing.
 */
export async function revalidateSession(sessionId: string, deps: RevalidationDeps): Promise<RevalidationResult> {
  const { now } = deps;
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "PortalSession" WHERE "id" = ${sessionId} FOR UPDATE`;
      const row = await tx.portalSession.findUnique({
        where: { id: sessionId },
        select: {
          roleCheckedAt: true,
          endedAt: true,
          endReason: true,
          refreshTokenSealed: true,
          workspaceId: true,
          user: { select: { id: true, objectId: true, tenantId: true, role: true } },
        },
      });
      if (!row || !isPortalRole(row.user.role)) return { status: "ended", reason: row?.endReason ?? "revoked_at_entra" } as const;
      if (row.endedAt) return { status: "ended", reason: row.endReason ?? "sign_out" } as const;
      const currentRole = row.user.role;
      if (now.getTime() - row.roleCheckedAt.getTime() < deps.limits.roleCheckMs) return { status: "valid", role: currentRole } as const;

      const end = async (reason: SessionEndReason, detail: string) => {
        await endSession(sessionId, reason, now, { detail }, tx);
        return { status: "ended", reason } as const;
      };
      const refreshToken = row.refreshTokenSealed ? openRefreshToken(deps.secret, sessionId, row.refreshTokenSealed) : null;
      if (!refreshToken) return end("unverifiable", "the session holds no refresh token that opens with the current AUTH_SECRET");

      const outcome = await deps.refresh({ tenantId: row.user.tenantId, objectId: row.user.objectId, refreshToken });
      if (outcome.kind === "unavailable") {
        if (withinRoleCheckLimit(row.roleCheckedAt, now)) {
          console.warn(`Session check at Entra deferred: ${outcome.detail}`);
          return { status: "deferred", role: currentRole } as const;
        }
        return end("unverifiable", outcome.detail.slice(0, 300));
      }
      if (outcome.kind !== "valid") return end(ENDINGS[outcome.kind], outcome.code);

      const role = portalRoleFromClaim(outcome.roles);
      if (!role) return end("role_removed", "the refreshed ID token has no Gatehouse app role");
      await tx.portalSession.update({
        where: { id: sessionId },
        data: { roleCheckedAt: now, refreshTokenSealed: sealRefreshToken(deps.secret, sessionId, outcome.refreshToken) },
        select: { id: true },
      });
      if (role !== currentRole) {
        // Another role in Entra (say Admin → Analyst) applies from this request on.
        await tx.portalUser.update({ where: { id: row.user.id }, data: { role }, select: { id: true } });
        await recordAudit(
          { workspaceId: row.workspaceId, actor: "system", action: "auth.role_changed", target: `user:${row.user.id}`, details: { from: currentRole, to: role } },
          tx,
        );
      }
      return { status: "valid", role } as const;
    },
    // The lock is held across one call to Entra (10 s timeouts on the token and key requests).
    { maxWait: 15_000, timeout: 30_000 },
  );
}
