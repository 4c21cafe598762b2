import { describe, expect, it } from "vitest";
import { formatAbsolute, formatRelative, formatRelativeAndAbsolute, toDate } from "./format-time";

const now = new Date("2026-11-27T14:05:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const s = 1000;
const min = 60 * s;
const h = 60 * min;
const d = 24 * h;

describe("formatRelative", () => {
  it.each([
    [0, "now"],
    [30 * s, "now"],
    [-44 * s, "now"],
    [45 * s, "in 1 minute"],
    [-90 * s, "2 minutes ago"],
    [12 * min, "in 12 minutes"],
    [-44 * min, "44 minutes ago"],
    [45 * min, "in 1 hour"],
    [-3 * h, "3 hours ago"],
    [-21 * h - 29 * min, "21 hours ago"],
    [22 * h, "in 1 day"],
    [-36 * h, "2 days ago"],
    [12 * d, "in 12 days"],
    [-25 * d, "25 days ago"],
    [26 * d, "in 1 month"],
    [-100 * d, "3 months ago"],
    [319 * d, "in 10 months"],
    [320 * d, "in 1 year"],
    [-3 * 365 * d, "3 years ago"],
  ])("%d ms from now reads %s", (offset, expected) => {
    expect(formatRelative(at(offset), now)).toBe(expected);
  });

  it("rounds half away from zero symmetrically", () => {
    expect(formatRelative(at(2.5 * h), now)).toBe("in 3 hours");
    expect(formatRelative(at(-2.5 * h), now)).toBe("3 hours ago");
    expect(formatRelative(at(2.49 * h), now)).toBe("in 2 hours");
  });
});

describe("formatAbsolute", () => {
  it("formats day month year and a 24-hour UTC time", () => {
    expect(formatAbsolute(new Date("2026-12-09T14:05:00Z"))).toBe("9 Dec 2026, 14:05 UTC");
    expect(formatAbsolute(new Date("2027-01-01T00:00:59Z"))).toBe("1 Jan 2027, 00:00 UTC");
  });

  it("converts to another time zone", () => {
    expect(formatAbsolute(new Date("2026-12-09T23:30:00Z"), "Europe/Amsterdam")).toBe("10 Dec 2026, 00:30 GMT+1");
  });
});

describe("formatRelativeAndAbsolute", () => {
  it("matches the house style example", () => {
    expect(formatRelativeAndAbsolute(new Date("2026-12-09T14:05:00Z"), now)).toBe("in 12 days (9 Dec 2026, 14:05 UTC)");
  });
});

describe("toDate", () => {
  it("accepts Date, ISO string and epoch ms, rejects garbage", () => {
    expect(toDate("2026-12-09T14:05:00Z")?.toISOString()).toBe("2026-12-09T14:05:00.000Z");
    expect(toDate(0)?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(toDate(now)).toBe(now);
    expect(toDate("not a date")).toBeNull();
  });
});
