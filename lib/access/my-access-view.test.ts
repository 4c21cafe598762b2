import { describe, expect, it } from "vitest";
import type { MyStatus } from "./my-status";
import { myAccessQueryString, parseMyAccessParams, viewMyAccess } from "./my-access-view";

const at = new Date("2026-12-01T12:00:00Z");
const statusOf: Record<string, MyStatus> = {
  active: { kind: "active", expiresAt: at, packageName: "Tier 1" },
  pending: { kind: "pending", requestedAt: at, packageName: "Tier 1" },
  expired: { kind: "expired", expiredAt: at, packageName: "Tier 1" },
  none: { kind: "none" },
};
const entry = (displayName: string, kind: keyof typeof statusOf) => ({ displayName, primaryDomain: `${displayName.toLowerCase().replace(/\W/g, "")}.example`, status: statusOf[kind]! });

describe("/me params", () => {
  it("reads search, status and page, and falls back to the defaults for anything else", () => {
    expect(parseMyAccessParams({ q: "  Contoso ", status: "pending", page: "3" })).toEqual({ search: "Contoso", filter: "pending", page: 3 });
    expect(parseMyAccessParams({ q: "   ", status: "owner", page: "-1" })).toEqual({ search: undefined, filter: "all", page: 0 });
    expect(parseMyAccessParams({ q: ["a", "b"], status: ["active"], page: "1e9" })).toEqual({ search: undefined, filter: "all", page: 0 });
    expect(parseMyAccessParams({ q: "x".repeat(500) }).search).toHaveLength(200);
  });

  it("writes only what differs from the defaults, and round-trips", () => {
    expect(myAccessQueryString({ search: undefined, filter: "all", page: 0 })).toBe("");
    const qs = myAccessQueryString({ search: "a&b c", filter: "expired", page: 2 });
    expect(qs).toBe("?q=a%26b+c&status=expired&page=2");
    expect(parseMyAccessParams(Object.fromEntries(new URLSearchParams(qs)))).toEqual({ search: "a&b c", filter: "expired", page: 2 });
  });
});

describe("the /me page of customers", () => {
  const entries = [entry("Adatum", "active"), entry("Contoso", "pending"), entry("Contoso East", "none"), entry("Fabrikam", "expired"), entry("Litware", "active")];

  it("searches name or domain, case-insensitively, and counts each status among the matches", () => {
    const view = viewMyAccess(entries, { search: "CONTOSO", filter: "all", page: 0 });
    expect(view.entries.map((e) => e.displayName)).toEqual(["Contoso", "Contoso East"]);
    expect(view.counts).toEqual({ all: 2, active: 0, pending: 1, expired: 0, none: 1 });
    expect(viewMyAccess(entries, { search: "fabrikam.example", filter: "all", page: 0 }).entries.map((e) => e.displayName)).toEqual(["Fabrikam"]);
  });

  it("filters by status after searching; the counts stay those of the search", () => {
    const view = viewMyAccess(entries, { search: undefined, filter: "active", page: 0 });
    expect(view.entries.map((e) => e.displayName)).toEqual(["Adatum", "Litware"]);
    expect(view.total).toBe(2);
    expect(view.counts).toEqual({ all: 5, active: 2, pending: 1, expired: 1, none: 1 });
  });

  it("pages in the given order; a page past the end shows the last page; nothing found is page 0 of 0", () => {
    expect(viewMyAccess(entries, { search: undefined, filter: "all", page: 1 }, 2)).toMatchObject({ page: 1, total: 5, entries: [{ displayName: "Contoso East" }, { displayName: "Fabrikam" }] });
    expect(viewMyAccess(entries, { search: undefined, filter: "all", page: 40 }, 2)).toMatchObject({ page: 2, entries: [{ displayName: "Litware" }] });
    expect(viewMyAccess(entries, { search: "nobody", filter: "all", page: 3 }, 2)).toMatchObject({ page: 0, total: 0, entries: [] });
  });
});
