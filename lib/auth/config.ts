import "server-only";
import NextAuth from "next-auth";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { env } from "@/lib/env";
import { authLogger } from "./auth-logger";
import { admitIdentity, recordSignOut } from "./sign-in-recorder";
import { limitsFrom } from "./session/policy";
import { createSession, endSession } from "./session/store";

declare module "next-auth" {
  interface User {
    tenantId?: string;
    objectId?: string;
    roles?: unknown;
  }
  interface Session {
    userId: string;
    workspaceId: string;
    /** the PortalSession row that decides whether this cookie still opens anything */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: string;
    workspaceId?: string;
    objectId?: string;
    sessionId?: string;
  }
}

const limits = limitsFrom(env);

const authority = new URL(env.ENTRA_AUTHORITY_HOST);

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: env.AUTH_SECRET,
  // The cookie never outlives the absolute limit; the PortalSession row enforces every limit
  // (lib/auth/session/), because a JWT that slides on each request cannot be recalled.
  session: { strategy: "jwt", maxAge: Math.floor(limits.absoluteMs / 1000) },
  pages: { signIn: "/sign-in", error: "/sign-in/error" },
  logger: authLogger(),
  providers: [
    MicrosoftEntraID({
      clientId: env.ENTRA_CLIENT_ID,
      clientSecret: env.ENTRA_CLIENT_SECRET,
      // `common` lets one deployment serve several MSSP tenants; the tid check below decides.
      issuer: new URL("/common/v2.0", authority).toString(),
      // offline_access: the refresh token lets the session re-check the account and its app
      // roles at Entra every few minutes (docs/decisions/002-session-revalidation-refresh-token.md).
      authorization: { params: { scope: "openid profile email offline_access" } },
      // The built-in profile() fetches a photo from Graph on every sign-in: a hidden call that
      // fails offline. Everything needed is in the ID token.
      profile(profile) {
        const claims = profile as unknown as Record<string, unknown>;
        const str = (key: string) => (typeof claims[key] === "string" ? (claims[key] as string) : undefined);
        return {
          id: str("oid") ?? str("sub"),
          name: str("name") ?? str("preferred_username") ?? "Unknown user",
          email: str("email") ?? str("preferred_username") ?? "",
          tenantId: str("tid"),
          objectId: str("oid"),
          roles: claims.roles,
        };
      },
    }),
  ],
  callbacks: {
    async signIn({ user }) {
      const { decision, user: admitted } = await admitIdentity({
        tenantId: user.tenantId,
        objectId: user.objectId,
        name: user.name ?? undefined,
        email: user.email ?? undefined,
        roles: user.roles,
      });
      if (!decision.allowed || !admitted) return `/sign-in/refused?reason=${decision.allowed ? "unregistered-tenant" : decision.reason}`;
      // Auth.js hands this same object to the jwt callback below.
      user.id = admitted.userId;
      Object.assign(user, { workspaceId: admitted.workspaceId });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user) {
        const workspaceId = (user as { workspaceId?: string }).workspaceId;
        token.userId = user.id;
        token.workspaceId = workspaceId;
        token.objectId = user.objectId;
        // Only sign-in reaches here with a user: the cookie carries the new session's id, and
        // the refresh token stays on the server, sealed.
        if (user.id && workspaceId) {
          token.sessionId = await createSession({
            userId: user.id,
            workspaceId,
            refreshToken: account?.refresh_token,
            secret: env.AUTH_SECRET ?? "",
            limits,
          });
        }
      }
      return token;
    },
    session({ session, token }) {
      return Object.assign(session, { userId: token.userId ?? "", workspaceId: token.workspaceId ?? "", sessionId: token.sessionId });
    },
  },
  events: {
    async signOut(message) {
      if (!("token" in message) || !message.token) return;
      if (typeof message.token.sessionId === "string") await endSession(message.token.sessionId, "sign_out", new Date());
      else await recordSignOut(message.token);
    },
  },
});
