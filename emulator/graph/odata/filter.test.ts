import { describe, expect, it } from "vitest";
import { evaluateFilter, FilterSyntaxError, parseFilter, usesAdvancedOperators } from "./filter.ts";

const group = {
  displayName: "Tier 1 Analyst", mailNickname: "tier1", securityEnabled: true, description: null, groupTypes: ["Unified"], createdDateTime: "2026-01-02T03:04:05Z", count: 3,
  accessPackage: { id: "11111111-2222-3333-4444-555555555555" }, target: { objectId: "abc" }, state: "delivered",
};

describe("$filter", () => {
  it.each([
    ["displayName eq 'Tier 1 Analyst'", true],
    ["displayName eq 'tier 1 analyst'", true], // directory comparisons are case-insensitive
    ["displayName eq 'Tier 2 Analyst'", false],
    ["displayName ne 'Tier 2 Analyst'", true],
    ["startswith(displayName, 'Tier')", true],
    ["startswith(displayName,'tier 2')", false],
    ["endswith(mailNickname, 'er1')", true],
    ["securityEnabled eq true", true],
    ["securityEnabled eq false", false],
    ["description eq null", true],
    ["description ne null", false],
    ["state eq 'Delivered'", true],
    ["accessPackage/id eq '11111111-2222-3333-4444-555555555555'", true],
    ["accessPackage/id eq 11111111-2222-3333-4444-555555555555", true],
    ["target/objectid eq 'abc'", true],
    ["displayName eq 'x' or mailNickname eq 'tier1'", true],
    ["displayName eq 'x' or mailNickname eq 'tier1' and securityEnabled eq false", false],
    ["(displayName eq 'x' or mailNickname eq 'tier1') and securityEnabled eq true", true],
    ["not (securityEnabled eq false)", true],
    ["count gt 2 and count le 3", true],
    ["count lt 3", false],
    ["createdDateTime ge 2026-01-01T00:00:00Z", true],
    ["groupTypes/any(c:c eq 'Unified')", true],
    ["groupTypes/any(c:c eq 'DynamicMembership')", false],
    ["missing eq null", true],
  ])("%s → %s", (expression, expected) => {
    expect(evaluateFilter(parseFilter(expression), group)).toBe(expected);
  });

  it("unescapes doubled quotes in string literals", () => {
    expect(evaluateFilter(parseFilter("displayName eq 'O''Brien'"), { displayName: "O'Brien" })).toBe(true);
  });

  it.each(["", "displayName eq", "displayName 'x'", "displayName eq 'unterminated", "contains(displayName,'x')", "(displayName eq 'x'", "displayName eq 'x' foo", "groupTypes/all(c:c eq 'x')"])(
    "rejects %j",
    (expression) => {
      expect(() => parseFilter(expression)).toThrow(FilterSyntaxError);
    },
  );

  it("flags the operators Entra ID treats as advanced queries", () => {
    expect(usesAdvancedOperators(parseFilter("displayName eq 'a'"))).toBe(false);
    expect(usesAdvancedOperators(parseFilter("displayName ne 'a'"))).toBe(true);
    expect(usesAdvancedOperators(parseFilter("not (displayName eq 'a')"))).toBe(true);
    expect(usesAdvancedOperators(parseFilter("endswith(mail,'a.com')"))).toBe(true);
  });
});
