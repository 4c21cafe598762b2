import { describe, expect, it } from "vitest";
import { deriveStateKey, signConsentState, verifyConsentState } from "./consent-state";

const key = deriveStateKey("a-test-secret-that-is-long-enough-for-auth");
const now = new Date("2026-11-27T12:00:00Z");
const payload = { inviteId: "6f1f3c0e-1d5b-4c9a-9a44-2a9d1e0c7b11", nonce: "n0nce", expiresAt: new Date("2026-11-27T13:00:00Z") };

describe("consent state", () => {
  it("round-trips a signed payload", () => {
    const result = verifyConsentState(signConsentState(payload, key), key, now);
    expect(result).toEqual({ ok: true, payload });
  });

  it("rejects a state signed with another secret", () => {
    const forged = signConsentState(payload, deriveStateKey("another-secret-that-is-long-enough-too"));
    expect(verifyConsentState(forged, key, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("rejects a payload changed after signing (another invite id)", () => {
    const [, signature] = signConsentState(payload, key).split(".");
    const body = Buffer.from(JSON.stringify({ i: "someone-else", n: "n0nce", e: 1_900_000_000 })).toString("base64url");
    expect(verifyConsentState(`${body}.${signature}`, key, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("rejects an expired state", () => {
    const state = signConsentState({ ...payload, expiresAt: new Date("2026-11-27T11:59:59Z") }, key);
    expect(verifyConsentState(state, key, now)).toEqual({ ok: false, reason: "expired" });
  });

  it.each(["", "abc", "a.b.c", "not base64.!!", "."])("rejects malformed state %j", (state) => {
    const result = verifyConsentState(state, key, now);
    expect(result.ok).toBe(false);
  });
});
