import type { TenantRecord, UserRecord } from "../store/world.ts";
import { readForm } from "../http/body.ts";
import { resolveAuthority, type Authority } from "./authority.ts";
import { redirectError, respondToClient, showErrorPage, type EntraRequest } from "./context.ts";
import { failures } from "./errors.ts";
import type { AuthorizeRequest, Interaction } from "./state.ts";
import { checkPassword, currentSession, renderSignIn, sessionCookie } from "./sign-in.ts";

type Validated = { ok: true; request: AuthorizeRequest; authority: Authority } | { ok: false };

/**
 * Checks an authorization request the way Entra does: tenant, client and redirect URI
 * first (failures stay on our error page: never redirect to an unregistered URI), then
 * the rest (failures go back to the client as OAuth error redirects).
 */
function validate(r: EntraRequest, tenantSegment: string, params: URLSearchParams): Validated {
  const { world } = r.ctx;
  const authority = resolveAuthority(world, tenantSegment);
  if (!authority) return fail(() => showErrorPage(r, failures.tenantNotFound(tenantSegment)));
  const clientId = params.get("client_id");
  if (!clientId) return fail(() => showErrorPage(r, failures.missingParameter("client_id")));
  const app = world.findApplication(clientId);
  if (!app) return fail(() => showErrorPage(r, failures.unknownClient(clientId, authority.kind === "tenant" ? authority.tenant.id : authority.segment)));
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) return fail(() => showErrorPage(r, failures.missingParameter("redirect_uri")));
  if (!app.redirectUris.includes(redirectUri)) return fail(() => showErrorPage(r, failures.redirectUriMismatch(redirectUri, app.appId)));

  const state = params.get("state") ?? undefined;
  const modeParam = params.get("response_mode") ?? "query";
  const responseMode = modeParam === "form_post" ? "form_post" : "query";
  const back = (failure: Parameters<typeof redirectError>[2]) => fail(() => redirectError(r, redirectUri, failure, { state }, responseMode));
  if (modeParam !== "query" && modeParam !== "form_post") return back(failures.invalidParameter("response_mode", "Supported: query, form_post."));
  const responseType = params.get("response_type");
  if (!responseType) return back(failures.missingParameter("response_type"));
  if (responseType !== "code") return back(failures.unsupportedResponseType(responseType));
  const scope = params.get("scope");
  if (!scope?.trim()) return back(failures.missingParameter("scope"));
  const codeChallenge = params.get("code_challenge") ?? undefined;
  const method = params.get("code_challenge_method") ?? (codeChallenge ? "plain" : undefined);
  if (method !== undefined && method !== "S256" && method !== "plain") return back(failures.invalidParameter("code_challenge_method"));
  if (method !== undefined && !codeChallenge) return back(failures.missingParameter("code_challenge"));
  if (codeChallenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(codeChallenge)) return back(failures.invalidParameter("code_challenge", "It must be 43 to 128 characters of [A-Za-z0-9-._~]."));

  const request: AuthorizeRequest = {
    kind: "authorize",
    authoritySegment: tenantSegment,
    clientId: app.appId,
    redirectUri,
    scope: scope.trim(),
    responseMode,
    ...(state !== undefined ? { state } : {}),
    ...(params.get("nonce") ? { nonce: params.get("nonce")! } : {}),
    ...(codeChallenge ? { codeChallenge, codeChallengeMethod: method as "S256" | "plain" } : {}),
    ...(params.get("login_hint") ? { loginHint: params.get("login_hint")! } : {}),
  };
  return { ok: true, request, authority };
}

function fail(respond: () => void): { ok: false } {
  respond();
  return { ok: false };
}

/** The account the person uses at this authority: home account, or their guest in a concrete tenant. */
function accountAt(r: EntraRequest, authority: Authority, home: { tenant: TenantRecord; user: UserRecord }): UserRecord | undefined {
  if (authority.kind !== "tenant") return home.user;
  return r.ctx.world.accountInTenant(home.user, authority.tenant.id);
}

function completeSignIn(r: EntraRequest, request: AuthorizeRequest, account: UserRecord, setCookie?: string): void {
  const code = r.ctx.state.issueCode({
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    tenantId: account.tenantId,
    userId: account.id,
    scope: request.scope,
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    ...(request.codeChallenge !== undefined ? { codeChallenge: request.codeChallenge, codeChallengeMethod: request.codeChallengeMethod ?? "plain" } : {}),
  });
  respondToClient(r, request.redirectUri, { code, state: request.state, session_state: account.tenantId }, request.responseMode, setCookie ? { "set-cookie": setCookie } : {});
}

/** GET /{tenant}/oauth2/v2.0/authorize */
export function handleAuthorizeGet(r: EntraRequest, tenantSegment: string): void {
  const validated = validate(r, tenantSegment, r.url.searchParams);
  if (!validated.ok) return;
  const { request, authority } = validated;
  const prompt = r.url.searchParams.get("prompt");
  if (prompt === "none") {
    const session = currentSession(r);
    const account = session ? accountAt(r, authority, session) : undefined;
    if (!account) return redirectError(r, request.redirectUri, failures.loginRequired(), { state: request.state }, request.responseMode);
    return completeSignIn(r, request, account);
  }
  // Always show the page otherwise: tests switch users in one browser, and a silent
  // SSO would sign the previous person in again.
  const interaction = r.ctx.state.startInteraction(request);
  renderSignIn(r, interaction, authority, { username: request.loginHint ?? currentSession(r)?.user.userPrincipalName ?? "" });
}

/** POST /{tenant}/oauth2/v2.0/authorize: the sign-in form. */
export async function handleAuthorizePost(r: EntraRequest, tenantSegment: string): Promise<void> {
  const form = await readForm(r.req);
  const interaction = r.ctx.state.getInteraction(form.get("interaction"));
  if (!interaction || interaction.kind !== "authorize") return showErrorPage(r, failures.interactionExpired());
  const authority = resolveAuthority(r.ctx.world, tenantSegment);
  if (!authority || interaction.authoritySegment !== tenantSegment) return showErrorPage(r, failures.interactionExpired());
  if (form.get("action") === "cancel") {
    r.ctx.state.endInteraction(interaction.id);
    return redirectError(r, interaction.redirectUri, { ...failures.userDeclined(), message: "The user canceled the sign-in." }, { state: interaction.state }, interaction.responseMode);
  }
  signInWithPassword(r, interaction, authority, form);
}

function signInWithPassword(r: EntraRequest, interaction: Interaction & AuthorizeRequest, authority: Authority, form: URLSearchParams): void {
  const username = form.get("username")?.trim() ?? "";
  const home = checkPassword(r.ctx.world, username, form.get("password") ?? "");
  if (!home) return renderSignIn(r, interaction, authority, { username, failure: failures.badCredentials() });
  if (!r.ctx.world.canSignIn(home.user)) return renderSignIn(r, interaction, authority, { username, failure: failures.userDisabled() });
  const account = accountAt(r, authority, home);
  if (!account) {
    const tenant = authority.kind === "tenant" ? authority.tenant : home.tenant;
    const app = r.ctx.world.findApplication(interaction.clientId);
    return renderSignIn(r, interaction, authority, { username, failure: failures.userNotInTenant(home.user.userPrincipalName, home.tenant.id, tenant.displayName, interaction.clientId, app?.displayName ?? "") });
  }
  r.ctx.state.endInteraction(interaction.id);
  completeSignIn(r, interaction, account, sessionCookie(r, home.user));
}
