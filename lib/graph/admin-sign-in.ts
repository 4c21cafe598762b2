import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { GraphAccessConfig } from "./config";
import { verifyAdminIdToken, type AdminTokenResult } from "./admin-id-token";

/**
 * The OpenID Connect sign-in a customer's administrator does before the admin-consent step:
 * authorization code with PKCE (query response, so the flow cookie set with SameSite=Lax comes
 * back with it), `prompt=login` so an old session in the browser is not silently reused.
 */

export function newPkceVerifier(): string {
  return randomBytes(32).toString("base64url");
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function adminSignInUrl(options: {
  authorityHost: string;
  /** the customer's resolved tenant id, else `organizations` (any work account) */
  tenant: string;
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  loginHint?: string;
}): string {
  const url = new URL(`/${encodeURIComponent(options.tenant)}/oauth2/v2.0/authorize`, options.authorityHost);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("response_mode", "query");
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("scope", "openid profile");
  url.searchParams.set("state", options.state);
  url.searchParams.set("nonce", options.nonce);
  url.searchParams.set("code_challenge", pkceChallenge(options.codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("prompt", "login");
  if (options.loginHint) url.searchParams.set("login_hint", options.loginHint);
  return url.toString();
}

export class AdminSignInError extends Error {
  override readonly name = "AdminSignInError";
  constructor(
    message: string,
    /** Entra's `error` (e.g. `invalid_grant`) or `network_error` */
    readonly code: string,
  ) {
    super(message);
  }
}

/** Redeems the sign-in code for the ID token (confidential client: the secret goes with it). */
export async function redeemSignInCode(
  config: GraphAccessConfig,
  request: { tenant: string; code: string; redirectUri: string; codeVerifier: string },
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const url = new URL(`/${encodeURIComponent(request.tenant)}/oauth2/v2.0/token`, config.authorityHost);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: config.clientId,
        client_secret: config.clientSecret,
        code: request.code,
        redirect_uri: request.redirectUri,
        code_verifier: request.codeVerifier,
        scope: "openid profile",
      }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new AdminSignInError(`The authority could not be reached to finish the sign-in: ${(error as Error).message}`, "network_error");
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.id_token !== "string") {
    const code = typeof body.error === "string" ? body.error : `http_${response.status}`;
    const description = typeof body.error_description === "string" ? body.error_description.slice(0, 300) : "no ID token in the answer";
    throw new AdminSignInError(`The sign-in code could not be redeemed (${code}): ${description}`, code);
  }
  return body.id_token;
}

// One key set per tenant and host; jose refreshes it when a token names an unknown key id.
const keySets = new Map<string, JWTVerifyGetKey>();

export function tenantKeys(authorityHost: string, tenantId: string): JWTVerifyGetKey {
  const url = `${new URL(authorityHost).origin}/${tenantId}/discovery/v2.0/keys`;
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 10_000 });
    keySets.set(url, keys);
  }
  return keys;
}

/** Redeems the code and verifies the ID token against the authority's published keys. */
export async function signedInAdmin(
  config: GraphAccessConfig,
  request: { tenant: string; code: string; redirectUri: string; codeVerifier: string; nonce: string; expectedTenantId: string | null; now: Date },
): Promise<AdminTokenResult> {
  const idToken = await redeemSignInCode(config, request);
  return verifyAdminIdToken(
    idToken,
    { authorityHost: config.authorityHost, clientId: config.clientId, nonce: request.nonce, tenantId: request.expectedTenantId, now: request.now },
    { keysFor: (tid) => tenantKeys(config.authorityHost, tid) },
  );
}
