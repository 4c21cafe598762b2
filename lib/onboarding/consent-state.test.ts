import { describe, expect, it } from "vitest";
import { deriveStateKey, oidcNonce, signConsentState, verifyConsentState } from "./consent-state";
import { signToken } from "./signed-token";

const key = deriveStateKey("a-test-secret-that-is-long-enough-for-auth");
const now = new Date("2026-11-27T12:00:00Z");
const signIn = {
  inviteId: "6f1f3c0e-1d5b-4c9a-9a44-2a9d1e0c7b11",
  attempt: "att3mpt",
  nonce: "n0nce",
  step: "sign-in" as const,
  expiresAt: new Date("2026-11-27T13:00:00Z"),
};
const admin = { tenantId: "f751f8f2-154d-4e76-acbb-2dba45769137", objectId: "0b6e1b9c-2f43-4a57-9d0d-7c5b0f1c2d3e", name: "Avery", upn: "admin@contoso.com" };

describe("consent state", () => {
  it("round-trips a sign-in state and a consent state with its admin", () => {
    expect(verifyConsentState(signConsentState(signIn, key), key, now)).toEqual({ ok: true, payload: signIn });
    const consent = { ...signIn, step: "consent" as const, admin };
    expect(verifyConsentState(signConsentState(consent, key), key, now)).toEqual({ ok: true, payload: consent });
  });

  it("rejects a state signed with another secret", () => {
    const forged = signConsentState(signIn, deriveStateKey("another-secret-that-is-long-enough-too"));
    expect(verifyConsentState(forged, key, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("rejects a payload changed after signing (another invite id, or an admin added)", () => {
    const [, signature] = signConsentState(signIn, key).split(".");
    const body = Buffer.from(JSON.stringify({ i: "someone-else", a: "att3mpt", n: "n0nce", s: "sign-in", e: 1_900_000_000 })).toString("base64url");
    expect(verifyConsentState(`${body}.${signature}`, key, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a consent-step state without a proven admin, even when correctly signed", () => {
    const state = signToken("gatehouse.consent-state.v2", { i: signIn.inviteId, a: "a", n: "n", s: "consent", e: 1_900_000_000 }, key);
    expect(verifyConsentState(state, key, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("rejects an expired state", () => {
    const state = signConsentState({ ...signIn, expiresAt: new Date("2026-11-27T11:59:59Z") }, key);
    expect(verifyConsentState(state, key, now)).toEqual({ ok: false, reason: "expired" });
  });

  it("derives a distinct OpenID nonce per state nonce", () => {
    expect(oidcNonce(key, "a")).not.toBe(oidcNonce(key, "b"));
    expect(oidcNonce(key, "a")).toBe(oidcNonce(key, "a"));
    expect(oidcNonce(key, "a")).not.toBe("a");
  });

  it.each(["", "abc", "a.b.c", "not base64.!!", "."])("rejects malformed state %j", (state) => {
    const result = verifyConsentState(state, key, now);
    expect(result.ok).toBe(false);
  });
});
