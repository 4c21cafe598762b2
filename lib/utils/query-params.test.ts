import { describe, expect, it } from "vitest";
import { oneParam, pageParam, queryString, searchParam } from "./query-params";

describe("query parameters", () => {
  it("take a value given once, a small whole page number, and bounded search text", () => {
    expect([oneParam("a"), oneParam(["a", "b"]), oneParam(undefined)]).toEqual(["a", undefined, undefined]);
    expect(["0", "7", "9999", "10000", "-1", "1.5", "x", "", undefined].map(pageParam)).toEqual([0, 7, 9999, 0, 0, 0, 0, 0, 0]);
    expect([searchParam("  Contoso "), searchParam("   "), searchParam(undefined)]).toEqual(["Contoso", undefined, undefined]);
    expect(searchParam("é".repeat(300))).toHaveLength(200);
  });

  it("write only what is set, encoded", () => {
    expect(queryString({ q: undefined, page: 0, status: "" })).toBe("");
    expect(queryString({ q: "a&b c", page: 2, status: undefined })).toBe("?q=a%26b+c&page=2");
  });
});
