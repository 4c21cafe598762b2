import type { ServerResponse } from "node:http";
import { newGuid } from "../store/ids.ts";
import { sendJson } from "../http/respond.ts";

/**
 * One Entra failure: the OAuth `error`, the AADSTS number and its text. The texts follow
 * what login.microsoftonline.com answers, so client libraries and people see familiar errors.
 */
export interface EntraFailure {
  status: number;
  error: string;
  code: number;
  message: string;
}

export const failures = {
  tenantNotFound: (tenant: string): EntraFailure => ({
    status: 400,
    error: "invalid_tenant",
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  unknownClient: (clientId: string, tenant: string): EntraFailure => ({
    status: 400,
    error: "unauthorized_client",
    code: 700016,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  redirectUriMismatch: (redirectUri: string, clientId: string): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 50011,
    message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
  }),
  missingParameter: (name: string): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  invalidParameter: (name: string, detail = ""): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 90014,
    message: `The provided value for the input parameter '${name}' is not valid.${detail ? ` ${detail}` : ""}`,
  }),
  unsupportedResponseType: (value: string): EntraFailure => ({
    status: 400,
    error: "unsupported_response_type",
    code: 700054,
    message: `response_type '${value}' is not enabled for the application. This emulator supports response_type=code.`,
  }),
  unsupportedGrantType: (value: string): EntraFailure => ({
    status: 400,
    error: "unsupported_grant_type",
    code: 70003,
    message: `The app requested an unsupported grant type '${value}'.`,
  }),
  missingClientSecret: (): EntraFailure => ({
    status: 401,
    error: "invalid_client",
    code: 7000218,
    message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  invalidClientSecret: (clientId: string): EntraFailure => ({
    status: 401,
    error: "invalid_client",
    code: 7000215,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  clientAssertionUnsupported: (clientId: string): EntraFailure => ({
    status: 401,
    error: "invalid_client",
    code: 700027,
    message: `Client assertion failed signature validation: no certificate is registered for application '${clientId}' in this emulator. Use client_secret.`,
  }),
  missingServicePrincipal: (clientId: string, tenantId: string): EntraFailure => ({
    status: 400,
    error: "invalid_client",
    code: 7000229,
    message: `The client application ${clientId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
  }),
  grantNotOnCommon: (): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 9001023,
    message: "The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
  }),
  noTenantInformation: (): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 50059,
    message: "No tenant-identifying information found in either the request or implied by any provided credentials.",
  }),
  scopeNeedsDefault: (scope: string): EntraFailure => ({
    status: 400,
    error: "invalid_scope",
    code: 1002012,
    message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  resourceNotFound: (resource: string, tenant: string): EntraFailure => ({
    status: 400,
    error: "invalid_resource",
    code: 500011,
    message: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  invalidCode: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 70000,
    message: "The provided value for the 'code' parameter is not valid.",
  }),
  expiredCode: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 70008,
    message: "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  }),
  codeRedeemed: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 54005,
    message: "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  }),
  codeRedirectMismatch: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 500117,
    message: "The reply uri specified in the request does not match the reply uri used in the authorization code request.",
  }),
  pkceMissingVerifier: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 501481,
    message: "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
  }),
  pkceMismatch: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 50148,
    message: "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
  }),
  userDisabled: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 50057,
    message: "The user account is disabled. The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell.",
  }),
  grantRevoked: (issued: Date, validFrom: Date): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 50173,
    message: `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued.toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom.toISOString()}'.`,
  }),
  invalidRefreshToken: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 9002313,
    message: "Invalid request. Request is malformed or invalid.",
  }),
  badCredentials: (): EntraFailure => ({
    status: 400,
    error: "invalid_grant",
    code: 50126,
    message: "Error validating credentials due to invalid username or password.",
  }),
  userNotInTenant: (upn: string, homeTenantId: string, tenantName: string, clientId: string, appName: string): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 50020,
    message: `User account '${upn}' from identity provider 'https://sts.windows.net/${homeTenantId}/' does not exist in tenant '${tenantName}' and cannot access the application '${clientId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
  }),
  adminRequired: (): EntraFailure => ({
    status: 400,
    error: "consent_required",
    code: 90094,
    message: "The grant requires admin permission. Only a Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator of the tenant can grant it.",
  }),
  userDeclined: (): EntraFailure => ({
    status: 400,
    error: "access_denied",
    code: 65004,
    message: "User declined to consent to access the app.",
  }),
  loginRequired: (): EntraFailure => ({
    status: 400,
    error: "login_required",
    code: 50058,
    message: "A silent sign-in request was sent but no user is signed in.",
  }),
  adminConsentOnCommon: (): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 90130,
    message: "Admin consent is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
  }),
  interactionExpired: (): EntraFailure => ({
    status: 400,
    error: "invalid_request",
    code: 50058,
    message: "The sign-in session expired or was already used. Start the sign-in again from the application.",
  }),
} as const;

export interface ErrorContext {
  traceId: string;
  correlationId: string;
  timestamp: string;
}

export function newErrorContext(now: Date): ErrorContext {
  // Entra prints "2025-06-09 09:07:41Z" in descriptions.
  return { traceId: newGuid(), correlationId: newGuid(), timestamp: now.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") };
}

/** `AADSTS7000229: The client … Trace ID: … Correlation ID: … Timestamp: …`, as Entra writes it. */
export function describe(failure: EntraFailure, ctx: ErrorContext): string {
  return `AADSTS${failure.code}: ${failure.message} Trace ID: ${ctx.traceId} Correlation ID: ${ctx.correlationId} Timestamp: ${ctx.timestamp}`;
}

/** The JSON body the v2 token endpoint (and discovery) return on failure. */
export function entraErrorBody(failure: EntraFailure, ctx: ErrorContext, origin: string) {
  return {
    error: failure.error,
    error_description: describe(failure, ctx),
    error_codes: [failure.code],
    timestamp: ctx.timestamp,
    trace_id: ctx.traceId,
    correlation_id: ctx.correlationId,
    error_uri: `${origin}/error?code=${failure.code}`,
  };
}

export function sendEntraError(res: ServerResponse, failure: EntraFailure, now: Date, origin: string): void {
  const ctx = newErrorContext(now);
  sendJson(res, failure.status, entraErrorBody(failure, ctx, origin), { "x-ms-request-id": ctx.traceId, "client-request-id": ctx.correlationId });
}
