import { createHash } from "node:crypto";
import { readForm } from "../http/body.ts";
import { sendJson } from "../http/respond.ts";
import type { ApplicationRecord } from "../store/world.ts";
import { resolveAuthority } from "./authority.ts";
import { authenticateClient } from "./client-auth.ts";
import type { EntraRequest } from "./context.ts";
import { failures, sendEntraError, type EntraFailure } from "./errors.ts";
import { clientCredentialsResource, delegatedGraphScopes, splitScopes } from "./scopes.ts";
import { ACCESS_TOKEN_LIFETIME_S, issueAppAccessToken, issueIdToken, issueUserAccessToken } from "./tokens.ts";

/** POST /{tenant}/oauth2/v2.0/token */
export async function handleToken(r: EntraRequest, tenantSegment: string): Promise<void> {
  const fail = (failure: EntraFailure) => sendEntraError(r.res, failure, r.ctx.world.now(), r.ctx.origin);
  const form = await readForm(r.req);
  const authority = resolveAuthority(r.ctx.world, tenantSegment);
  if (!authority) return fail(failures.tenantNotFound(tenantSegment));
  const grantType = form.get("grant_type");
  if (!grantType) return fail(failures.missingParameter("grant_type"));
  if (!["client_credentials", "authorization_code", "refresh_token"].includes(grantType)) return fail(failures.unsupportedGrantType(grantType));
  const client = authenticateClient(r.ctx.world, r.req, form, authority.kind === "tenant" ? authority.tenant.id : authority.segment);
  if ("failure" in client) return fail(client.failure);

  if (grantType === "client_credentials") {
    if (authority.kind === "common") return fail(failures.grantNotOnCommon());
    if (authority.kind === "organizations") return fail(failures.noTenantInformation());
    return clientCredentials(r, form, client.app, authority.tenant.id, fail);
  }
  if (grantType === "authorization_code") return authorizationCode(r, form, client.app, fail);
  return refreshToken(r, form, client.app, fail);
}

async function clientCredentials(r: EntraRequest, form: URLSearchParams, app: ApplicationRecord, tenantId: string, fail: (f: EntraFailure) => void): Promise<void> {
  const scope = form.get("scope")?.trim();
  if (!scope) return fail(failures.missingParameter("scope"));
  const scopes = splitScopes(scope);
  if (scopes.length !== 1) return fail({ ...failures.invalidParameter("scope", "Client credential flows take exactly one <resource>/.default scope."), error: "invalid_scope", code: 70011 });
  const resource = clientCredentialsResource(scopes[0]!);
  if (!resource.graph) {
    return fail(resource.isDefault ? failures.resourceNotFound(resource.resource, tenantId) : failures.scopeNeedsDefault(scope));
  }
  const tenant = r.ctx.world.tenants.get(tenantId)!;
  // Entra needs the app's service principal in the target tenant: that is what admin consent creates.
  if (!r.ctx.world.hasConsent(tenant.id, app.appId)) return fail(failures.missingServicePrincipal(app.appId, tenant.id));
  const accessToken = await issueAppAccessToken(r.ctx.world, r.ctx.keys, tenant, app);
  sendJson(r.res, 200, { token_type: "Bearer", expires_in: ACCESS_TOKEN_LIFETIME_S, ext_expires_in: ACCESS_TOKEN_LIFETIME_S, access_token: accessToken });
}

async function authorizationCode(r: EntraRequest, form: URLSearchParams, app: ApplicationRecord, fail: (f: EntraFailure) => void): Promise<void> {
  const code = form.get("code");
  if (!code) return fail(failures.missingParameter("code"));
  const redirectUri = form.get("redirect_uri");
  if (!redirectUri) return fail(failures.missingParameter("redirect_uri"));
  const grant = r.ctx.state.codes.get(code);
  if (!grant || grant.clientId !== app.appId) return fail(failures.invalidCode());
  if (grant.redeemed) return fail(failures.codeRedeemed());
  if (grant.expiresAt < r.ctx.state.nowMs()) return fail(failures.expiredCode());
  if (grant.redirectUri !== redirectUri) return fail(failures.codeRedirectMismatch());
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get("code_verifier");
    if (!verifier) return fail(failures.pkceMissingVerifier());
    const derived = grant.codeChallengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
    if (derived !== grant.codeChallenge) return fail(failures.pkceMismatch());
  }
  // Single use, even if what follows fails.
  grant.redeemed = true;
  await sendUserTokens(r, app, { tenantId: grant.tenantId, userId: grant.userId, scope: grant.scope, ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}) }, fail);
}

async function refreshToken(r: EntraRequest, form: URLSearchParams, app: ApplicationRecord, fail: (f: EntraFailure) => void): Promise<void> {
  const token = form.get("refresh_token");
  if (!token) return fail(failures.missingParameter("refresh_token"));
  const grant = r.ctx.state.refreshTokens.get(token);
  if (!grant || grant.clientId !== app.appId) return fail(failures.invalidRefreshToken());
  if (grant.expiresAt < Date.now()) return fail(failures.expiredCode());
  const user = r.ctx.world.tenants.get(grant.tenantId)?.users.get(grant.userId);
  const validFrom = user?.signInSessionsValidFrom;
  if (validFrom !== undefined && grant.issuedAt < validFrom) return fail(failures.grantRevoked(new Date(grant.issuedAt), new Date(validFrom)));
  // A new refresh token comes with every answer; Entra does not revoke the redeemed one (it
  // stays valid until it expires), so neither does the emulator.
  await sendUserTokens(r, app, { tenantId: grant.tenantId, userId: grant.userId, scope: form.get("scope")?.trim() || grant.scope }, fail);
}

async function sendUserTokens(r: EntraRequest, app: ApplicationRecord, grant: { tenantId: string; userId: string; scope: string; nonce?: string }, fail: (f: EntraFailure) => void): Promise<void> {
  const { world, keys, state } = r.ctx;
  const tenant = world.tenants.get(grant.tenantId);
  const user = tenant?.users.get(grant.userId);
  if (!tenant || !user) return fail(failures.invalidCode()); // the World was reset since
  // Entra evaluates the account on every redemption, refresh included: this is how a relying
  // party learns that an account was disabled, and (below) which app roles it holds now.
  if (!world.canSignIn(user)) return fail(failures.userDisabled());
  const scopes = splitScopes(grant.scope);
  const graphScopes = delegatedGraphScopes(scopes);
  const granted = [...graphScopes.map((s) => `https://graph.microsoft.com/${s}`), ...scopes.filter((s) => ["openid", "profile", "email"].includes(s))];
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: granted.join(" "),
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: await issueUserAccessToken(world, keys, { tenant, user, app, scp: [...graphScopes, ...scopes.filter((s) => ["openid", "profile", "email"].includes(s))].join(" ") }),
  };
  if (scopes.includes("offline_access")) body.refresh_token = state.issueRefreshToken({ clientId: app.appId, tenantId: tenant.id, userId: user.id, scope: grant.scope });
  if (scopes.includes("openid")) body.id_token = await issueIdToken(world, keys, { origin: r.ctx.origin, tenant, user, app, ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}) });
  sendJson(r.res, 200, body);
}
