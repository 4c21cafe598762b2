import type { ServerResponse } from "node:http";
import { sendJson } from "../http/respond.ts";
import type { SigningKeys } from "./signing-keys.ts";
import { authorityPathSegment, type Authority } from "./authority.ts";

/**
 * The v2 OpenID configuration, shaped like login.microsoftonline.com's. A concrete tenant
 * (GUID or domain) publishes its GUID everywhere; `common`/`organizations` publish the
 * literal `{tenantid}` issuer template, as Entra does.
 */
export function openIdConfiguration(origin: string, authority: Authority) {
  const segment = authorityPathSegment(authority);
  const base = `${origin}/${segment}`;
  const issuerTenant = authority.kind === "tenant" ? authority.tenant.id : "{tenantid}";
  const host = new URL(origin).host;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${origin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
    code_challenge_methods_supported: ["plain", "S256"],
    tenant_region_scope: authority.kind === "tenant" ? "EU" : null,
    cloud_instance_name: host,
    cloud_graph_host_name: host,
    msgraph_host: host,
    rbac_url: `${origin}/rbac`,
  };
}

export function sendOpenIdConfiguration(res: ServerResponse, origin: string, authority: Authority): void {
  sendJson(res, 200, openIdConfiguration(origin, authority), { "cache-control": "max-age=86400, private", "access-control-allow-origin": "*" });
}

export function sendJwks(res: ServerResponse, keys: SigningKeys): void {
  sendJson(res, 200, { keys: [keys.publicJwk] }, { "cache-control": "max-age=86400, private", "access-control-allow-origin": "*" });
}
