import { redirect, sendHtml, sendJson } from "../http/respond.ts";
import type { EntraRequest } from "./context.ts";
import { signedOutPage } from "./pages.ts";
import { clearSessionCookie } from "./sign-in.ts";
import { pairwiseSubject, verifyAccessToken } from "./tokens.ts";

/**
 * GET /{tenant}/oauth2/v2.0/logout: ends the emulator session, then returns to
 * `post_logout_redirect_uri` only if it is on the origin of a registered redirect URI
 * (of `client_id` when given), so the endpoint is no open redirector.
 */
export function handleLogout(r: EntraRequest): void {
  const cookie = clearSessionCookie(r);
  const target = r.url.searchParams.get("post_logout_redirect_uri");
  const clientId = r.url.searchParams.get("client_id");
  if (target && isAllowedLogoutTarget(r, target, clientId)) {
    const url = new URL(target);
    const state = r.url.searchParams.get("state");
    if (state) url.searchParams.set("state", state);
    return redirect(r.res, url.toString(), { "set-cookie": cookie });
  }
  sendHtml(r.res, 200, signedOutPage(), { "set-cookie": cookie });
}

function isAllowedLogoutTarget(r: EntraRequest, target: string, clientId: string | null): boolean {
  let origin: string;
  try {
    origin = new URL(target).origin;
  } catch {
    return false;
  }
  const apps = clientId ? [r.ctx.world.findApplication(clientId)].filter((a) => a !== undefined) : [...r.ctx.world.applications.values()];
  return apps.some((app) => app.redirectUris.some((uri) => new URL(uri).origin === origin));
}

/** GET|POST /oidc/userinfo with a delegated Graph token, as graph.microsoft.com/oidc/userinfo answers. */
export async function handleUserInfo(r: EntraRequest): Promise<void> {
  const payload = await verifyAccessToken(r.ctx.world, r.ctx.keys, r.req.headers.authorization);
  const claims = payload as Record<string, unknown> | null;
  const found = claims && claims.idtyp === "user" && typeof claims.oid === "string" ? r.ctx.world.findUserById(claims.oid) : undefined;
  if (!claims || !found) {
    return sendJson(
      r.res,
      401,
      { error: { code: "InvalidAuthenticationToken", message: "Access token is empty, invalid or not a delegated Graph token.", innerError: { date: r.ctx.world.now().toISOString() } } },
      { "www-authenticate": 'Bearer realm="", error="invalid_token"' },
    );
  }
  const { user } = found;
  const [given, ...family] = user.displayName.split(" ");
  sendJson(r.res, 200, {
    sub: pairwiseSubject(user.id, String(claims.appid)),
    name: user.displayName,
    ...(family.length > 0 ? { family_name: family.join(" "), given_name: given } : {}),
    email: user.mail ?? user.userPrincipalName,
  });
}
