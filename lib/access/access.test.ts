import { describe, expect, it } from "vitest";
import { myStatus } from "./my-status";
import { daysLeft, expiresWithin, parseExpiryWindow, urgencyOf, weeklyExpiryBuckets } from "./urgency";

const now = new Date("2026-12-01T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe("expiry urgency", () => {
  it("rounds days left up while active and down once expired", () => {
    expect(daysLeft(new Date(now.getTime() + 3 * 3_600_000), now)).toBe(1);
    expect(daysLeft(inDays(7), now)).toBe(7);
    expect(daysLeft(inDays(-0.5), now)).toBe(-1);
  });

  it("colours by the same thresholds as the dashboard filters", () => {
    expect([0, 1, 7, 8, 30, 31, 90, 91].map(urgencyOf)).toEqual(["expired", "critical", "critical", "soon", "soon", "later", "later", "ok"]);
  });

  it("keeps only active access ending inside the window", () => {
    expect(expiresWithin(inDays(30), now, 30)).toBe(true);
    expect(expiresWithin(inDays(30.01), now, 30)).toBe(false);
    expect(expiresWithin(inDays(-1), now, 30)).toBe(false);
  });

  it("accepts only the offered windows", () => {
    expect(parseExpiryWindow("7")).toBe(7);
    expect(parseExpiryWindow("90")).toBe(90);
    expect(parseExpiryWindow("45")).toBe(30);
    expect(parseExpiryWindow(undefined)).toBe(30);
  });

  it("buckets the next 90 days by week, ignoring past and later expiries", () => {
    const buckets = weeklyExpiryBuckets([inDays(0.5), inDays(7), inDays(7.1), inDays(90), inDays(-1), inDays(91)], now);
    expect(buckets).toHaveLength(13);
    expect(buckets.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(4);
  });
});

describe("my status in a customer", () => {
  const a = (packageName: string, state: string, expiresAt: Date | null) => ({ packageName, state, expiresAt });

  it("is active until the latest end among delivered assignments", () => {
    expect(myStatus([a("T1", "delivered", inDays(10)), a("T2", "delivered", inDays(200))], [], now)).toEqual({
      kind: "active",
      expiresAt: inDays(200),
      packageName: "T2",
    });
  });

  it("is pending when nothing is active and a request waits, even with older expired access", () => {
    expect(myStatus([a("T1", "delivered", inDays(-3))], [{ packageName: "T1", createdAt: inDays(-1) }], now)).toEqual({
      kind: "pending",
      requestedAt: inDays(-1),
      packageName: "T1",
    });
  });

  it("is expired when the last access has ended, and none without any", () => {
    expect(myStatus([a("T1", "expired", inDays(-3)), a("T2", "delivered", inDays(-1))], [], now)).toEqual({
      kind: "expired",
      expiredAt: inDays(-1),
      packageName: "T2",
    });
    expect(myStatus([], [], now)).toEqual({ kind: "none" });
  });
});
