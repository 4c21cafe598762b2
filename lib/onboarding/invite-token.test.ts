import { describe, expect, it } from "vitest";
import { generateInviteToken, hashInviteToken, inviteState, isWellFormedInviteToken } from "./invite-token";

describe("invite tokens", () => {
  it("carries at least 128 bits of randomness and never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateInviteToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
      expect(isWellFormedInviteToken(token)).toBe(true);
    }
  });

  it("hashes to a stable SHA-256 hex digest that differs from the token", () => {
    const token = generateInviteToken();
    expect(hashInviteToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteToken(token)).toBe(hashInviteToken(token));
    expect(hashInviteToken(token)).not.toContain(token);
    expect(hashInviteToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it.each(["", "short", "a".repeat(44), "../../etc/passwd", `${"a".repeat(42)}=`])("rejects malformed token %j", (token) => {
    expect(isWellFormedInviteToken(token)).toBe(false);
  });

  it("derives the state: used wins over revoked, which wins over expired", () => {
    const now = new Date("2026-11-27T12:00:00Z");
    const future = new Date("2026-12-01T00:00:00Z");
    const past = new Date("2026-11-01T00:00:00Z");
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: future }, now)).toBe("active");
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: past }, now)).toBe("expired");
    expect(inviteState({ usedAt: null, revokedAt: past, expiresAt: future }, now)).toBe("revoked");
    expect(inviteState({ usedAt: past, revokedAt: past, expiresAt: past }, now)).toBe("used");
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
  });
});
