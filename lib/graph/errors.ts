import "server-only";

/**
 * The two failures lib/graph lets out. Callers never see MSAL's or the Graph SDK's own error
 * classes, so they can branch on `status`/`code` without knowing which library was involved.
 */

export interface GraphErrorDetails {
  /** HTTP status; 0 when no response arrived (network failure) */
  status: number;
  /** Graph's `error.code` (e.g. `Request_ResourceNotFound`, `TooManyRequests`), or `networkError` */
  code: string;
  /** Graph's `request-id`: what Microsoft support asks for */
  requestId?: string;
  /** seconds to wait, from `Retry-After`, when Graph gave one */
  retryAfter?: number;
  cause?: unknown;
}

export class GraphError extends Error {
  override readonly name = "GraphError";
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly retryAfter?: number;

  constructor(message: string, details: GraphErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
  }
}

export interface TokenErrorDetails {
  /** `AADSTS7000229`-style code when Entra gave one, else MSAL's or our own code (`network_error`, `invalid_tenant`) */
  code: string;
  /** the tenant the token was asked for */
  tenantId: string;
  /** worth asking again: consent may still be propagating, or the failure was transient */
  retryable: boolean;
  /** HTTP status of the token endpoint's answer, when there was one */
  status?: number;
  cause?: unknown;
}

export class TokenError extends Error {
  override readonly name = "TokenError";
  readonly code: string;
  readonly tenantId: string;
  readonly retryable: boolean;
  readonly status?: number;

  constructor(message: string, details: TokenErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.tenantId = details.tenantId;
    this.retryable = details.retryable;
    if (details.status !== undefined) this.status = details.status;
  }
}

// Entra answers these while the app has no service principal in the tenant: admin consent
// has not happened yet, or happened seconds ago and has not replicated.
const CONSENT_PENDING_CODES = new Set([
  "AADSTS7000229", // client application is missing service principal in the tenant
  "AADSTS700016", // application not found in the directory
  "AADSTS500011", // resource principal (Graph) not found in the tenant
  "AADSTS65001", // consent_required
]);

// The app registration or our own request is wrong: consent and waiting change nothing.
const APP_MISCONFIGURED_CODES = new Set([
  "AADSTS7000215", // invalid client secret
  "AADSTS7000222", // client secret expired
  "AADSTS7000218", // no client secret or assertion sent
  "AADSTS700027", // client assertion failed validation
  "AADSTS70011", // invalid scope
  "AADSTS1002012", // client-credentials scope without /.default
  "AADSTS700054", // response type not enabled
  "AADSTS90014", // a required request field is missing or invalid
  "AADSTS900144", // a required request parameter is missing
]);

export function isConsentPending(code: string): boolean {
  return CONSENT_PENDING_CODES.has(code);
}

export function isAppMisconfiguration(error: TokenError): boolean {
  return APP_MISCONFIGURED_CODES.has(error.code);
}

/** Entra itself was unreachable, throttling or failing: nothing is known about the consent. */
export function isTransientTokenFailure(error: Pick<TokenError, "code" | "status">): boolean {
  return error.code === "network_error" || error.code === "temporarily_unavailable" || (error.status !== undefined && (error.status === 429 || error.status >= 500));
}
