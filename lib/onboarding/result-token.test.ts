import { describe, expect, it } from "vitest";
import { knownMicrosoftError, microsoftErrorCode } from "./microsoft-errors";
import { deriveResultKey, RESULT_TOKEN_LIFETIME_MS, signResult, verifyResult } from "./result-token";

const key = deriveResultKey("a-test-secret-that-is-long-enough-for-auth");
const now = new Date("2026-12-01T05:00:00Z");
const INVITE = "6f1f3c0e-1d5b-4c9a-9a44-2a9d1e0c7b11";

describe("result token", () => {
  it("carries the outcome the flow decided, the same every time it is read", () => {
    const token = signResult({ outcome: "granted", inviteId: INVITE }, key, now);
    const later = new Date(now.getTime() + 60_000);
    expect(verifyResult(token, key, later)).toEqual({ ok: true, fresh: true, claim: { outcome: "granted", inviteId: INVITE } });
    expect(verifyResult(token, key, later)).toEqual(verifyResult(token, key, later));
  });

  it("keeps its outcome after it expires, but is no longer fresh (no names then)", () => {
    const token = signResult({ outcome: "denied", inviteId: INVITE, microsoftCode: "65004" }, key, now);
    const expired = new Date(now.getTime() + RESULT_TOKEN_LIFETIME_MS + 1000);
    expect(verifyResult(token, key, expired)).toEqual({ ok: true, fresh: false, claim: { outcome: "denied", inviteId: INVITE, microsoftCode: "65004" } });
  });

  it("refuses a token with another key, a changed body, or an unknown outcome", () => {
    const other = signResult({ outcome: "granted" }, deriveResultKey("another-secret-that-is-long-enough-too"), now);
    expect(verifyResult(other, key, now)).toEqual({ ok: false });
    const [, mac] = signResult({ outcome: "denied" }, key, now).split(".");
    const body = Buffer.from(JSON.stringify({ o: "granted", e: 2_000_000_000 })).toString("base64url");
    expect(verifyResult(`${body}.${mac}`, key, now)).toEqual({ ok: false });
    expect(verifyResult("granted", key, now)).toEqual({ ok: false });
  });
});

describe("Microsoft's error codes", () => {
  it("reads the AADSTS number and maps known ones to plain words", () => {
    expect(microsoftErrorCode("AADSTS65004: User declined to consent to access the app.\r\nTrace ID: x")).toBe("65004");
    expect(knownMicrosoftError("65004")).toMatch(/declined/);
    expect(knownMicrosoftError("90094")).toMatch(/cannot grant consent/);
  });

  it("shows nothing for unknown codes or text without a code", () => {
    expect(microsoftErrorCode("Microsoft said: send your password to evil.example")).toBeUndefined();
    expect(knownMicrosoftError("12345")).toBeUndefined();
    expect(knownMicrosoftError(undefined)).toBeUndefined();
    expect(knownMicrosoftError("constructor")).toBeUndefined();
  });
});
