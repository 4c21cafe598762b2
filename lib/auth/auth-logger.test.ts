import { describe, expect, it, vi } from "vitest";
import { authLogger } from "./auth-logger";

function sink() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe("Auth.js logger", () => {
  it("logs a cancelled Microsoft sign-in as one warning line, without a stack trace", () => {
    const out = sink();
    const error = Object.assign(new Error("OAuth Provider returned an error"), {
      type: "OAuthCallbackError",
      cause: { providerId: "microsoft-entra-id", error: "access_denied", error_description: "AADSTS65004: User declined to consent.\nTrace ID: 1" },
    });
    authLogger(out).error(error);
    expect(out.error).not.toHaveBeenCalled();
    expect(out.warn).toHaveBeenCalledTimes(1);
    const line = String(out.warn.mock.calls[0]![0]);
    expect(line).toBe("[auth] Microsoft sign-in did not complete (access_denied: AADSTS65004: User declined to consent.); the person was sent back to the sign-in page.");
    expect(line).not.toContain("at ");
  });

  it("keeps the stack of real errors", () => {
    const out = sink();
    const inner = new Error("database down");
    authLogger(out).error(Object.assign(new Error("callback failed"), { type: "CallbackRouteError", cause: { err: inner } }));
    expect(out.warn).not.toHaveBeenCalled();
    expect(out.error).toHaveBeenNthCalledWith(1, "[auth][error] CallbackRouteError: callback failed");
    expect(out.error).toHaveBeenNthCalledWith(2, inner.stack);
  });
});
