import "server-only";
import { GraphClientError, GraphError as SdkGraphError } from "@microsoft/microsoft-graph-client";
import { GraphError, TokenError, isConsentPending, isTransientTokenFailure } from "./errors";

/**
 * Converts whatever MSAL or the Graph SDK threw into TokenError / GraphError. Duck-typed on
 * purpose: MSAL's error classes come from @azure/msal-common, which a bundler may duplicate.
 */

interface MsalLikeError {
  errorCode: string;
  errorMessage?: string;
  errorNo?: string | number;
  status?: number;
  message: string;
}

function isMsalError(error: unknown): error is MsalLikeError {
  return error instanceof Error && typeof (error as Partial<MsalLikeError>).errorCode === "string";
}

export function toTokenError(error: unknown, tenantId: string): TokenError {
  if (error instanceof TokenError) return error;
  if (!isMsalError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    // fetch rejects with a TypeError when the authority cannot be reached at all.
    return new TokenError(`Token request for tenant ${tenantId} failed: ${message}`, { code: "network_error", tenantId, retryable: true, cause: error });
  }
  // A ServerError's message embeds Entra's error_description ("AADSTS7000229: …"); errorNo is error_codes[0].
  const text = `${error.errorMessage ?? ""} ${error.message}`;
  const aadsts = /AADSTS(\d+)/.exec(text)?.[0] ?? (error.errorNo !== undefined && error.errorNo !== "" ? `AADSTS${error.errorNo}` : undefined);
  const code = aadsts ?? error.errorCode;
  const status = typeof error.status === "number" ? error.status : undefined;
  const retryable = isConsentPending(code) || isTransientTokenFailure({ code, ...(status !== undefined ? { status } : {}) });
  const description = describeEntraText(text) ?? error.errorCode;
  return new TokenError(`Token request for tenant ${tenantId} failed (${code}): ${description}`, { code, tenantId, retryable, ...(status !== undefined ? { status } : {}), cause: error });
}

/** The readable part of MSAL's "Error(s): … - Description: AADSTS…: text Trace ID: …" message. */
function describeEntraText(text: string): string | undefined {
  const match = /AADSTS\d+:\s*(.*?)(?:\s*Trace ID:|\s*- Correlation ID:|$)/s.exec(text);
  return match?.[1]?.trim() || undefined;
}

/** The TokenError the auth provider handed to the SDK, which passes it through unchanged. */
export function unwrapTokenError(error: unknown): TokenError | undefined {
  if (error instanceof TokenError) return error;
  if (error instanceof GraphClientError && error.customError instanceof TokenError) return error.customError;
  return undefined;
}

export function toGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  if (error instanceof SdkGraphError) {
    // The SDK reports a failed fetch (no response) as statusCode -1 with the JS error's name as code.
    const status = error.statusCode > 0 ? error.statusCode : 0;
    const code = status === 0 ? "networkError" : (error.code ?? "unknownError");
    const requestId = error.requestId ?? error.headers?.get("request-id") ?? undefined;
    const retryAfter = parseRetryAfter(error.headers?.get("retry-after") ?? null);
    const message = error.message || `Microsoft Graph answered HTTP ${status}`;
    return new GraphError(message, {
      status,
      code,
      ...(requestId ? { requestId } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GraphError(`Microsoft Graph request failed: ${message}`, { status: 0, code: "networkError", cause: error });
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
