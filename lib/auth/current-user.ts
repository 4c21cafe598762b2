import "server-only";
import { cache } from "react";
import { UnauthenticatedError } from "@/lib/errors";
import { env } from "@/lib/env";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { refreshUserSignIn } from "@/lib/graph/user-refresh";
import { auth } from "./config";
import { requirePermission, type Permission, type PortalRole } from "./permissions";
import { checkSession, type SessionCheckDeps, type SessionState } from "./session/check";
import { limitsFrom } from "./session/policy";

export interface CurrentUser {
  id: string;
  objectId: string;
  name: string;
  email: string;
  role: PortalRole;
  workspace: { id: string; name: string; tenantId: string; primaryDomain: string };
}

export function sessionDepsFromEnv(): SessionCheckDeps {
  return {
    secret: env.AUTH_SECRET ?? "",
    limits: limitsFrom(env),
    refresh: async (subject) => {
      const config = graphAccessFromEnv();
      if (!config) return { kind: "unavailable", detail: "ENTRA_CLIENT_ID / ENTRA_CLIENT_SECRET are not set" };
      return refreshUserSignIn(config, subject);
    },
  };
}

/**
 * The session of this request, checked on the server (sign-out, idle and absolute limits, the
 * user's account and roles at Entra) and the user re-read from the database, so a deleted user
 * or workspace loses access at once.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  return checkSession(session?.sessionId, sessionDepsFromEnv());
});

/** The signed-in user, or null when there is no live session. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const state = await getSessionState();
  return state.status === "active" ? state.user : null;
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}

export async function requireUserWithPermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  requirePermission(user, permission);
  return user;
}
