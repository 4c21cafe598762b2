import { describe, expect, it } from "vitest";
import { parseSince } from "./since-param";

const now = new Date("2026-12-01T12:00:00Z");

describe("parseSince", () => {
  it("reads a recent instant", () => {
    expect(parseSince("2026-12-01T11:59:00.000Z", now)).toEqual(new Date("2026-12-01T11:59:00Z"));
  });

  it("ignores what PostgreSQL could not compare with (year -100000, +275760) and anything unparsable", () => {
    for (const raw of [null, "", "garbage", "-100000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "1900-01-01", "2099-01-01", "NaN"]) expect(parseSince(raw, now)).toBeNull();
  });
});
