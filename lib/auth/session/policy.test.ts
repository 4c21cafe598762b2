import { describe, expect, it } from "vitest";
import { judgeSession, limitsFrom, ROLE_CHECK_LIMIT_MS, withinRoleCheckLimit, type SessionTimes } from "./policy";

const limits = limitsFrom({ SESSION_ABSOLUTE_HOURS: 12, SESSION_IDLE_MINUTES: 120, SESSION_ROLE_CHECK_MINUTES: 10 });
const start = new Date("2026-12-01T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const session = (overrides: Partial<SessionTimes> = {}): SessionTimes => ({
  lastSeenAt: start,
  roleCheckedAt: start,
  expiresAt: at(12 * 60),
  endedAt: null,
  endReason: null,
  ...overrides,
});

describe("judgeSession", () => {
  it.each([
    ["just signed in", session(), 0, { alive: true, touch: false, recheck: false }],
    ["active within the minute", session(), 0.5, { alive: true, touch: false, recheck: false }],
    ["a minute later: record activity", session(), 1, { alive: true, touch: true, recheck: false }],
    ["ten minutes later: ask Entra again", session(), 10, { alive: true, touch: true, recheck: true }],
    ["idle just under two hours", session({ roleCheckedAt: at(0) }), 119, { alive: true, touch: true, recheck: true }],
    ["idle two hours", session(), 120, { alive: false, reason: "idle", alreadyEnded: false }],
    ["active all day, at twelve hours", session({ lastSeenAt: at(12 * 60 - 1), roleCheckedAt: at(12 * 60 - 1) }), 12 * 60, { alive: false, reason: "absolute", alreadyEnded: false }],
    ["idle and past the absolute limit: absolute wins", session({ expiresAt: at(60) }), 180, { alive: false, reason: "absolute", alreadyEnded: false }],
    ["signed out", session({ endedAt: at(5), endReason: "sign_out" }), 6, { alive: false, reason: "sign_out", alreadyEnded: true }],
    ["ended for a removed role", session({ endedAt: at(5), endReason: "role_removed" }), 6, { alive: false, reason: "role_removed", alreadyEnded: true }],
  ] as const)("%s", (_name, times, minutes, verdict) => {
    expect(judgeSession(times, at(minutes), limits)).toEqual(verdict);
  });

  it("follows the configured limits", () => {
    const short = limitsFrom({ SESSION_ABSOLUTE_HOURS: 1, SESSION_IDLE_MINUTES: 5, SESSION_ROLE_CHECK_MINUTES: 1 });
    expect(judgeSession(session({ expiresAt: at(60) }), at(5), short)).toMatchObject({ alive: false, reason: "idle" });
    expect(judgeSession(session({ expiresAt: at(60) }), at(1), short)).toMatchObject({ alive: true, recheck: true });
  });
});

describe("limits", () => {
  it("converts the settings and never checks less often than every 15 minutes", () => {
    expect(limits).toEqual({ absoluteMs: 12 * 3_600_000, idleMs: 120 * 60_000, roleCheckMs: 10 * 60_000 });
    expect(limitsFrom({ SESSION_ABSOLUTE_HOURS: 1, SESSION_IDLE_MINUTES: 5, SESSION_ROLE_CHECK_MINUTES: 60 }).roleCheckMs).toBe(ROLE_CHECK_LIMIT_MS);
  });

  it("trusts an unconfirmed user for at most 15 minutes after the last confirmation", () => {
    expect(withinRoleCheckLimit(start, at(14.9))).toBe(true);
    expect(withinRoleCheckLimit(start, at(15))).toBe(false);
  });
});
