import { describe, expect, it } from "vitest";
import { domainProblem, isValidDomain, normalizeDomain } from "./domain";

describe("domain validation", () => {
  it.each(["contoso.com", "Contoso.COM", "sub.contoso.co.uk", "contoso.onmicrosoft.com", "a-b.io", "xn--bcher-kva.example", "contoso.com."])(
    "accepts %s",
    (domain) => expect(isValidDomain(domain)).toBe(true),
  );

  it.each([
    ["", /primary domain/],
    ["contoso", /two parts/],
    ["https://contoso.com", /without https/],
    ["contoso.com/path", /without https/],
    ["admin@contoso.com", /not an email/],
    ["-contoso.com", /not a valid domain/],
    ["contoso-.com", /not a valid domain/],
    ["con_toso.com", /not a valid domain/],
    ["contoso.c", /not a valid domain/],
    ["contoso..com", /not a valid domain/],
    ["contoso.123", /not a valid domain/],
    [`${"a".repeat(64)}.com`, /not a valid domain/],
    [`${"a.".repeat(127)}com`, /253/],
  ])("rejects %j with a clear message", (domain, message) => {
    expect(domainProblem(domain)).toMatch(message);
  });

  it("normalizes case, whitespace and a trailing dot", () => {
    expect(normalizeDomain("  Contoso.COM. ")).toBe("contoso.com");
  });
});
