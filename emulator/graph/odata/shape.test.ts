import { describe, expect, it } from "vitest";
import { parseQueryOptions, QueryOptionError } from "./query-options.ts";
import { shapeCollection, shapeEntity, type EntitySpec } from "./shape.ts";

interface Pkg { id: string; displayName: string; catalogId: string }
const catalogs = new Map([["c1", { id: "c1", displayName: "MSSP Accesses" }]]);
const catalogSpec: EntitySpec<{ id: string; displayName: string }> = { typeName: "accessPackageCatalog", flavour: "odata", toJson: (c) => ({ ...c }) };
const packageSpec: EntitySpec<Pkg> = {
  typeName: "accessPackage",
  flavour: "odata",
  toJson: (p) => ({ id: p.id, displayName: p.displayName }),
  navigations: { catalog: (p) => ({ spec: catalogSpec, value: catalogs.get(p.catalogId) ?? null }) },
};
const packages: Pkg[] = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}`, displayName: `Package ${i}`, catalogId: "c1" }));
const list = (query: string, pageSize = 3) => shapeCollection(packages, packageSpec, parseQueryOptions(new URLSearchParams(query)), { pageSize, requestUrl: new URL(`https://emu.test/v1.0/x?${query}`), eventual: false });

describe("collections", () => {
  it("pages with an absolute nextLink that carries the other options", () => {
    const first = list("$filter=startswith(displayName,'Package')");
    expect((first.value as unknown[]).length).toBe(3);
    const next = new URL(first["@odata.nextLink"] as string);
    expect(next.origin).toBe("https://emu.test");
    expect(next.searchParams.get("$filter")).toBe("startswith(displayName,'Package')");
    const ids: string[] = [];
    let page = first;
    for (;;) {
      ids.push(...(page.value as { id: string }[]).map((v) => v.id));
      const link = page["@odata.nextLink"] as string | undefined;
      if (!link) break;
      page = list(new URL(link).search.slice(1));
    }
    expect(ids).toEqual(packages.map((p) => p.id));
  });

  it("uses $top as the page size and counts the whole filtered set", () => {
    const body = list("$top=2&$count=true&$filter=displayName ne 'Package 0'", 100);
    expect(body["@odata.count"]).toBe(6);
    expect((body.value as unknown[]).length).toBe(2);
  });

  it("filters through navigation properties and expands them", () => {
    const body = list("$filter=catalog/displayName eq 'MSSP Accesses'&$expand=catalog&$select=id", 10);
    expect(body.value).toHaveLength(7);
    expect((body.value as object[])[0]).toEqual({ id: "p0", catalog: { id: "c1", displayName: "MSSP Accesses" } });
  });

  it("orders by a property", () => {
    const body = list("$orderby=displayName desc&$top=2");
    expect((body.value as { id: string }[]).map((v) => v.id)).toEqual(["p6", "p5"]);
  });

  it.each([
    ["$select=nope", /Could not find a property named 'nope'/],
    ["$filter=nope eq 'x'", /Could not find a property named 'nope'/],
    ["$expand=displayName", /not a navigation property/],
    ["$skiptoken=garbage", /Invalid \$skiptoken/],
  ])("rejects %s with a 400", (query, message) => {
    expect(() => list(query)).toThrow(message);
  });

  it.each(["$top=0", "$top=abc", "$count=yes", "$filter=displayName eq", "$skip=2", "$foo=1", "$expand=catalog($top=1"])("rejects the query option %s", (query) => {
    expect(() => parseQueryOptions(new URLSearchParams(query))).toThrow(QueryOptionError);
  });

  it("selects only the requested properties of an entity", () => {
    expect(shapeEntity(packages[0]!, packageSpec, ["displayName"], [])).toEqual({ displayName: "Package 0" });
  });
});
