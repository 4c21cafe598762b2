import { AuthError, ClientAuthError, ServerError } from "@azure/msal-node";
import { GraphClientError, GraphError as SdkGraphError } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { GraphError, TokenError, isAppMisconfiguration, isTransientTokenFailure } from "./errors";
import { parseRetryAfter, toGraphError, toTokenError, unwrapTokenError } from "./error-mapping";

const TENANT = "f751f8f2-154d-4e76-acbb-2dba45769137";

// What MSAL's ResponseHandler builds from an Entra error body.
function entraError(error: string, code: number, description: string, status: number): ServerError {
  const message = `Error(s): ${code} - Timestamp: 2026-01-01 00:00:00Z - Description: AADSTS${code}: ${description} Trace ID: 1 Correlation ID: 2 Timestamp: 2026-01-01 00:00:00Z - Correlation ID: 2 - Trace ID: 1`;
  return new ServerError(error, "2", message, undefined, String(code), status);
}

describe("toTokenError", () => {
  it("reads the AADSTS code of a missing service principal and marks it retryable", () => {
    const error = toTokenError(entraError("invalid_client", 7000229, "The client application x is missing service principal in the tenant y.", 400), TENANT);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: "AADSTS7000229", tenantId: TENANT, retryable: true, status: 400 });
    expect(error.message).toContain("missing service principal");
    expect(error.message).not.toContain("Trace ID");
    expect(error.cause).toBeInstanceOf(ServerError);
  });

  it("treats a bad client secret as a non-retryable misconfiguration", () => {
    const error = toTokenError(entraError("invalid_client", 7000215, "Invalid client secret provided.", 401), TENANT);
    expect(error).toMatchObject({ code: "AADSTS7000215", retryable: false });
    expect(isAppMisconfiguration(error)).toBe(true);
  });

  it("falls back to errorNo when the message carries no AADSTS text", () => {
    const error = toTokenError(new ServerError("invalid_client", "2", "no details", undefined, "700016", 400), TENANT);
    expect(error).toMatchObject({ code: "AADSTS700016", retryable: true });
  });

  it("marks Entra 5xx and MSAL network errors as transient", () => {
    const unavailable = toTokenError(entraError("temporarily_unavailable", 90033, "Service unavailable.", 503), TENANT);
    expect(unavailable.retryable).toBe(true);
    expect(isTransientTokenFailure(unavailable)).toBe(true);
    const network = toTokenError(new ClientAuthError("network_error", "2", "fetch failed"), TENANT);
    expect(network).toMatchObject({ code: "network_error", retryable: true });
    expect(isTransientTokenFailure(network)).toBe(true);
  });

  it("keeps MSAL's own code when no AADSTS is involved", () => {
    const error = toTokenError(new AuthError("endpoints_resolution_error", "2", "could not resolve endpoints"), TENANT);
    expect(error).toMatchObject({ code: "endpoints_resolution_error", retryable: false });
  });

  it("treats a raw fetch failure as a network error and passes TokenErrors through", () => {
    expect(toTokenError(new TypeError("fetch failed"), TENANT)).toMatchObject({ code: "network_error", retryable: true });
    const original = new TokenError("x", { code: "invalid_tenant", tenantId: "common", retryable: false });
    expect(toTokenError(original, TENANT)).toBe(original);
  });
});

describe("toGraphError", () => {
  it("copies status, code, request id and Retry-After from the SDK's error", () => {
    const sdk = new SdkGraphError(429, "Too many requests");
    sdk.code = "TooManyRequests";
    sdk.headers = new Headers({ "Retry-After": "7", "request-id": "req-1" });
    const error = toGraphError(sdk);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 429, code: "TooManyRequests", requestId: "req-1", retryAfter: 7, message: "Too many requests" });
  });

  it("prefers the request id from the error body", () => {
    const sdk = new SdkGraphError(404, "Not found");
    sdk.code = "Request_ResourceNotFound";
    sdk.requestId = "from-body";
    expect(toGraphError(sdk)).toMatchObject({ status: 404, requestId: "from-body" });
    expect(toGraphError(sdk).retryAfter).toBeUndefined();
  });

  it("reports a request that got no response as status 0 networkError", () => {
    const sdk = new SdkGraphError(-1, "", new TypeError("fetch failed"));
    sdk.code = "TypeError";
    expect(toGraphError(sdk)).toMatchObject({ status: 0, code: "networkError", message: "fetch failed" });
    expect(toGraphError(new Error("socket hang up"))).toMatchObject({ status: 0, code: "networkError" });
  });

  it("finds a TokenError the auth provider carried through the SDK", () => {
    const tokenError = new TokenError("no sp", { code: "AADSTS7000229", tenantId: TENANT, retryable: true });
    const carrier = new GraphClientError("no sp");
    carrier.customError = tokenError;
    expect(unwrapTokenError(carrier)).toBe(tokenError);
    expect(unwrapTokenError(new GraphClientError("other"))).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("12")).toBe(12);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
  });
});
