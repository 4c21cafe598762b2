import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { GraphAccessConfig } from "./config";

/**
 * Re-validates a signed-in staff member at Entra by redeeming their refresh token
 * (docs/decisions/002-session-revalidation-refresh-token.md). Entra evaluates the account again
 * on every redemption: a disabled account is refused (AADSTS50057), revoked sign-in sessions
 * are refused, and the new ID token's `roles` claim holds the app roles assigned *now*.
 */
export type UserRefreshOutcome =
  /** Entra re-issued tokens: `roles` is the current claim (absent when none), `refreshToken` replaces the old one */
  | { kind: "valid"; roles: unknown; refreshToken: string }
  /** AADSTS50057: the account is disabled */
  | { kind: "disabled"; code: string }
  /** AADSTS50105: the app requires an assignment and the user no longer has one */
  | { kind: "unassigned"; code: string }
  /** Entra refused the grant for another reason (revoked sessions, expired or withdrawn token) */
  | { kind: "refused"; code: string }
  /** no usable answer (network, 5xx, throttling, our own credentials): try again later */
  | { kind: "unavailable"; detail: string };

export interface RefreshSubject {
  tenantId: string;
  objectId: string;
  refreshToken: string;
}

const SCOPE = "openid profile email offline_access";
const TIMEOUT_MS = 10_000;

type Fetch = typeof fetch;

// One remote key set per JWKS URL: jose caches the keys and re-fetches on an unknown `kid`.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySetFor(url: string): ReturnType<typeof createRemoteJWKSet> {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: TIMEOUT_MS });
    keySets.set(url, set);
  }
  return set;
}

export async function refreshUserSignIn(config: GraphAccessConfig, subject: RefreshSubject, fetchImpl: Fetch = fetch): Promise<UserRefreshOutcome> {
  const origin = new URL(config.authorityHost).origin;
  const tenant = encodeURIComponent(subject.tenantId);
  let response: Response;
  try {
    response = await fetchImpl(`${origin}/${tenant}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: subject.refreshToken,
        client_id: config.clientId,
        client_secret: config.clientSecret,
        scope: SCOPE,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: "unavailable", detail: `token endpoint unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) return refusal(response.status, body);

  const idToken = typeof body?.id_token === "string" ? body.id_token : undefined;
  const refreshToken = typeof body?.refresh_token === "string" ? body.refresh_token : undefined;
  if (!idToken || !refreshToken) return { kind: "unavailable", detail: "the token response had no id_token or refresh_token" };

  let claims: JWTPayload;
  try {
    // The token comes straight from the token endpoint over TLS; its signature is still checked,
    // so a misrouted or tampered answer can never grant a role.
    ({ payload: claims } = await jwtVerify(idToken, keySetFor(`${origin}/${tenant}/discovery/v2.0/keys`), {
      issuer: `${origin}/${subject.tenantId}/v2.0`,
      audience: config.clientId,
      algorithms: ["RS256"],
    }));
  } catch (error) {
    return { kind: "unavailable", detail: `the refreshed ID token did not verify: ${error instanceof Error ? error.message : String(error)}` };
  }
  const sameUser =
    typeof claims.tid === "string" && claims.tid.toLowerCase() === subject.tenantId.toLowerCase() &&
    typeof claims.oid === "string" && claims.oid.toLowerCase() === subject.objectId.toLowerCase();
  if (!sameUser) return { kind: "refused", code: "subject_mismatch" };
  return { kind: "valid", roles: claims.roles, refreshToken };
}

/** Entra's error body names AADSTS codes in `error_codes`; only `invalid_grant` is about the user. */
function refusal(status: number, body: Record<string, unknown> | null): UserRefreshOutcome {
  const error = typeof body?.error === "string" ? body.error : "";
  const codes = Array.isArray(body?.error_codes) ? body.error_codes.filter((c): c is number => typeof c === "number") : [];
  const code = codes.length > 0 ? `AADSTS${codes[0]}` : error || `http_${status}`;
  if (status >= 500 || status === 429 || error !== "invalid_grant") {
    // Throttling, an outage, or our own app credentials (invalid_client): not the user's fault,
    // and not a reason to believe the account changed.
    return { kind: "unavailable", detail: `token endpoint answered ${status} ${code}` };
  }
  if (codes.includes(50057)) return { kind: "disabled", code };
  if (codes.includes(50105)) return { kind: "unassigned", code };
  return { kind: "refused", code };
}
