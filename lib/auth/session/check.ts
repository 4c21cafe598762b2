import "server-only";
import type { CurrentUser } from "../current-user";
import { isPortalRole, type PortalRole } from "../permissions";
import { judgeSession, type SessionEndReason } from "./policy";
import { revalidateSession, type RevalidationDeps } from "./revalidate";
import { endSession, readSession, touchSession } from "./store";

export type SessionState =
  | { status: "none" }
  /** the cookie names a session that ended on the server: the user is told why */
  | { status: "ended"; reason: SessionEndReason }
  | { status: "active"; sessionId: string; user: CurrentUser };

export type SessionCheckDeps = Omit<RevalidationDeps, "now"> & { now?: Date };

/**
 * Whether the session a cookie names may act now. One indexed read per request; a write at
 * most once a minute (activity), and a call to Entra every few minutes (account and roles).
 * Any session that has passed a limit is ended here, on the server, with its reason audited.
 */
export async function checkSession(sessionId: string | undefined, deps: SessionCheckDeps): Promise<SessionState> {
  if (!sessionId) return { status: "none" };
  const now = deps.now ?? new Date();
  const row = await readSession(sessionId);
  if (!row) return { status: "none" };
  const verdict = judgeSession(row, now, deps.limits);
  if (!verdict.alive) {
    if (!verdict.alreadyEnded) await endSession(row.id, verdict.reason, now);
    return { status: "ended", reason: verdict.reason };
  }
  const storedRole = row.user.role;
  if (!isPortalRole(storedRole)) return { status: "none" };
  let role: PortalRole = storedRole;
  if (verdict.recheck) {
    const result = await revalidateSession(row.id, { ...deps, now });
    if (result.status === "ended") return { status: "ended", reason: result.reason };
    role = result.role;
  }
  if (verdict.touch) await touchSession(row.id, now);
  const { id, objectId, name, email, workspace } = row.user;
  return { status: "active", sessionId: row.id, user: { id, objectId, name, email, role, workspace } };
}
