import { describe, expect, it } from "vitest";
import { listPage, matching } from "./list-page";

const names = ["Adatum", "Contoso", "contoso-east", "Fabrikam", "Litware"];

describe("a long list, a page at a time", () => {
  it("finds entries by any of their texts, ignoring case; no search keeps all (a copy)", () => {
    expect(matching(names, "CONTOSO", (n) => [n])).toEqual(["Contoso", "contoso-east"]);
    expect(matching(names, "kam", (n) => ["x", n])).toEqual(["Fabrikam"]);
    const all = matching(names, undefined, (n) => [n]);
    expect(all).toEqual(names);
    expect(all).not.toBe(names);
  });

  it("pages in order; past the end is the last page; nothing is page 0 of 0", () => {
    expect(listPage(names, 1, 2)).toEqual({ entries: ["contoso-east", "Fabrikam"], page: 1, total: 5 });
    expect(listPage(names, 99, 2)).toEqual({ entries: ["Litware"], page: 2, total: 5 });
    expect(listPage(names, -3, 2)).toEqual({ entries: ["Adatum", "Contoso"], page: 0, total: 5 });
    expect(listPage([], 4, 2)).toEqual({ entries: [], page: 0, total: 0 });
  });
});
