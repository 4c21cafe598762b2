import "server-only";
import NextAuth from "next-auth";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { env } from "@/lib/env";
import { authLogger } from "./auth-logger";
import { admitIdentity, recordSignOut } from "./sign-in-recorder";

declare module "next-auth" {
  interface User {
    tenantId?: string;
    objectId?: string;
    roles?: unknown;
  }
  interface Session {
    userId: string;
    workspaceId: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: string;
    workspaceId?: string;
    objectId?: string;
  }
}

/** Work shift length: staff sign in again each day; roles are re-read from the token then. */
const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const authority = new URL(env.ENTRA_AUTHORITY_HOST);

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in/error" },
  logger: authLogger(),
  providers: [
    MicrosoftEntraID({
      clientId: env.ENTRA_CLIENT_ID,
      clientSecret: env.ENTRA_CLIENT_SECRET,
      // `common` lets one deployment serve several MSSP tenants; the tid check below decides.
      issuer: new URL("/common/v2.0", authority).toString(),
      authorization: { params: { scope: "openid profile email" } },
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
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.workspaceId = (user as { workspaceId?: string }).workspaceId;
        token.objectId = user.objectId;
      }
      return token;
    },
    session({ session, token }) {
      return Object.assign(session, { userId: token.userId ?? "", workspaceId: token.workspaceId ?? "" });
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token) await recordSignOut(message.token);
    },
  },
});
