import "server-only";
import { createHash } from "node:crypto";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { graphAppScope, isMicrosoftAuthorityHost, type GraphAccessConfig } from "./config";
import { TokenError } from "./errors";
import { toTokenError } from "./error-mapping";
import { isGuid } from "@/lib/utils/guid";

export interface AppToken {
  accessToken: string;
  /** the token's `tid` claim: the tenant Entra actually issued the token for */
  tenantId: string;
  /** application permissions consented in that tenant (`roles` claim) */
  roles: string[];
  expiresOn: Date | null;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
// Multi-tenant aliases: Entra refuses client credentials on them, and they would not say
// whose directory we are acting in.
const TENANT_ALIASES = new Set(["common", "organizations", "consumers"]);

/** Throws unless `tenantId` names one tenant: a GUID or a domain. */
export function assertConcreteTenant(tenantId: string): void {
  const value = tenantId.trim();
  if (TENANT_ALIASES.has(value.toLowerCase())) {
    throw new TokenError(`'${value}' is not a tenant: app-only tokens need a tenant id (GUID) or one of the tenant's domains.`, { code: "invalid_tenant", tenantId: value, retryable: false });
  }
  if (!isGuid(value) && !DOMAIN.test(value)) {
    throw new TokenError(`'${value}' is neither a tenant id (GUID) nor a domain name.`, { code: "invalid_tenant", tenantId: value, retryable: false });
  }
}

// One MSAL application per app registration and authority host: it holds the in-memory token
// cache, which is partitioned by tenant, so every customer tenant reuses its token until expiry.
const applications = new Map<string, ConfidentialClientApplication>();

function applicationFor(config: GraphAccessConfig): ConfidentialClientApplication {
  const origin = new URL(config.authorityHost).origin;
  // The secret is part of the key (hashed, so it is not kept twice in clear): a rotated
  // secret gets a fresh client instead of one that keeps failing.
  const key = `${origin}|${config.clientId.toLowerCase()}|${createHash("sha256").update(config.clientSecret).digest("hex")}`;
  let app = applications.get(key);
  if (!app) {
    app = new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        // Only a default; every request names its tenant.
        authority: `${origin}/organizations`,
        ...(isMicrosoftAuthorityHost(origin) ? {} : selfHostedAuthority(origin)),
      },
    });
    applications.set(key, app);
  }
  return app;
}

export interface AcquireAppTokenOptions {
  /** skip MSAL's cache: a cached token only proves the app had access when it was issued */
  forceRefresh?: boolean;
}

/**
 * MSAL ships discovery and endpoint metadata for Microsoft's hosts. For any other host (the
 * emulator) it would first ask login.microsoftonline.com for instance discovery, then GET each
 * tenant's `.well-known` document. `knownAuthorities` (host:port, the port is required) skips
 * the first; endpoint metadata with MSAL's `{tenant}` placeholder skips the second, so the
 * emulator sees the single token POST production sends, and an unknown tenant fails there
 * with Entra's AADSTS90002 instead of an MSAL discovery error.
 */
function selfHostedAuthority(origin: string): { knownAuthorities: string[]; authorityMetadata: string } {
  const tenantBase = `${origin}/{tenant}`;
  return {
    knownAuthorities: [new URL(origin).host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
      authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
      jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
      issuer: `${tenantBase}/v2.0`,
    }),
  };
}

/** An app-only Graph token for one customer tenant (client credentials, cached by MSAL). */
export async function acquireAppToken(config: GraphAccessConfig, tenantId: string, options: AcquireAppTokenOptions = {}): Promise<AppToken> {
  assertConcreteTenant(tenantId);
  const tenant = tenantId.trim();
  const origin = new URL(config.authorityHost).origin;
  let result;
  try {
    result = await applicationFor(config).acquireTokenByClientCredential({
      scopes: [graphAppScope(config)],
      authority: `${origin}/${tenant}`,
      ...(options.forceRefresh ? { skipCache: true } : {}),
    });
  } catch (error) {
    throw toTokenError(error, tenant);
  }
  if (!result?.accessToken) throw new TokenError(`Entra returned no access token for tenant ${tenant}.`, { code: "no_token", tenantId: tenant, retryable: true });
  return { accessToken: result.accessToken, ...readClaims(result.accessToken, tenant), expiresOn: result.expiresOn ?? null };
}

/**
 * The token's own tenant and roles. MSAL leaves `result.tenantId` empty for client
 * credentials, so we read `tid`. No signature check: the token came straight from the token
 * endpoint over TLS, and only Graph needs to trust it.
 */
function readClaims(accessToken: string, requestedTenant: string): { tenantId: string; roles: string[] } {
  let claims;
  try {
    claims = decodeJwt(accessToken);
  } catch (error) {
    throw new TokenError(`The token for tenant ${requestedTenant} is not a JWT.`, { code: "invalid_token", tenantId: requestedTenant, retryable: false, cause: error });
  }
  if (typeof claims.tid !== "string" || claims.tid === "") {
    throw new TokenError(`The token for tenant ${requestedTenant} has no tid claim.`, { code: "invalid_token", tenantId: requestedTenant, retryable: false });
  }
  const roles = Array.isArray(claims.roles) ? (claims.roles as unknown[]).filter((role): role is string => typeof role === "string") : [];
  return { tenantId: claims.tid.toLowerCase(), roles };
}
