import { timingSafeEqual } from "node:crypto";
import type { TenantRecord, UserRecord, World } from "../store/world.ts";
import { sendHtml } from "../http/respond.ts";
import { parseCookies, serializeCookie } from "../http/cookies.ts";
import type { Authority } from "./authority.ts";
import type { EntraRequest } from "./context.ts";
import type { Interaction } from "./state.ts";
import { signInPage } from "./pages.ts";
import { describe, newErrorContext, type EntraFailure } from "./errors.ts";

export const SESSION_COOKIE = "emulator_sso";

/** A member account whose password matches; guests sign in with their home account. */
export function checkPassword(world: World, username: string, password: string): { tenant: TenantRecord; user: UserRecord } | undefined {
  const found = world.findUserByUpn(username);
  if (!found || found.user.userType !== "Member" || found.user.password === null) return undefined;
  const a = Buffer.from(found.user.password);
  const b = Buffer.from(password);
  return a.length === b.length && timingSafeEqual(a, b) ? found : undefined;
}

/** Seeded members who could sign in at this authority, for the helper list on the page. */
function accountsFor(world: World, authority: Authority) {
  const tenants = authority.kind === "tenant" ? [authority.tenant] : [...world.tenants.values()];
  return tenants.flatMap((t) =>
    [...t.users.values()].filter((u) => u.userType === "Member" && u.password !== null).map((u) => ({ upn: u.userPrincipalName, displayName: u.displayName, tenantName: t.displayName })),
  );
}

export function renderSignIn(r: EntraRequest, interaction: Interaction, authority: Authority, options: { status?: number; username?: string; failure?: EntraFailure; heading?: string } = {}): void {
  const app = r.ctx.world.findApplication(interaction.clientId);
  const error = options.failure ? describe(options.failure, newErrorContext(r.ctx.world.now())) : undefined;
  sendHtml(
    r.res,
    options.status ?? 200,
    signInPage({
      action: r.url.pathname,
      interactionId: interaction.id,
      heading: options.heading ?? "Sign in",
      appName: app?.displayName ?? interaction.clientId,
      ...(authority.kind === "tenant" ? { tenantName: authority.tenant.displayName } : {}),
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(error ? { error } : {}),
      accounts: accountsFor(r.ctx.world, authority),
    }),
  );
}

/** The browser's emulator session, if its cookie names a user that still exists. */
export function currentSession(r: EntraRequest): { tenant: TenantRecord; user: UserRecord } | undefined {
  const id = parseCookies(r.req.headers.cookie).get(SESSION_COOKIE);
  const session = id ? r.ctx.state.sessions.get(id) : undefined;
  if (!session) return undefined;
  const tenant = r.ctx.world.tenants.get(session.tenantId);
  const user = tenant?.users.get(session.userId);
  // A disabled account's browser session no longer signs it in silently (prompt=none).
  return tenant && user && r.ctx.world.canSignIn(user) ? { tenant, user } : undefined;
}

export function sessionCookie(r: EntraRequest, user: UserRecord): string {
  const id = r.ctx.state.startSession({ tenantId: user.tenantId, userId: user.id });
  return serializeCookie(SESSION_COOKIE, id);
}

export function clearSessionCookie(r: EntraRequest): string {
  const id = parseCookies(r.req.headers.cookie).get(SESSION_COOKIE);
  if (id) r.ctx.state.sessions.delete(id);
  return serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0 });
}
