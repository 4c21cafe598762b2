import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "./args";
import { diffBlueprints } from "./blueprint-diff";

describe("parseArgs", () => {
  it("takes options anywhere, in both spellings", () => {
    const parsed = parseArgs(["--json", "offboard", "contoso.com", "--confirm=contoso.com", "--workspace", "mssp.example"]);
    expect(parsed.positionals).toEqual(["offboard", "contoso.com"]);
    expect(parsed.options).toEqual({ confirm: "contoso.com", workspace: "mssp.example" });
    expect([...parsed.flags]).toEqual(["json"]);
  });
  it("refuses unknown options, missing values and values on flags", () => {
    expect(() => parseArgs(["--force"])).toThrow(UsageError);
    expect(() => parseArgs(["offboard", "x", "--confirm"])).toThrow("--confirm needs a value.");
    expect(() => parseArgs(["--confirm", "--json"])).toThrow("--confirm needs a value.");
    expect(() => parseArgs(["--json=yes"])).toThrow("--json takes no value.");
  });
});

describe("diffBlueprints", () => {
  it("compares keyed arrays by key and reports each changed leaf", () => {
    const before = { groups: [{ key: "a", displayName: "A" }, { key: "b", displayName: "B" }], reviews: true };
    const after = { groups: [{ key: "b", displayName: "B" }, { key: "a", displayName: "A2" }, { key: "c", displayName: "C" }], reviews: true };
    expect(diffBlueprints(before, after)).toEqual([
      { path: "groups[a].displayName", before: "A", after: "A2" },
      { path: "groups[c]", after: { key: "c", displayName: "C" } },
    ]);
    expect(diffBlueprints(before, before)).toEqual([]);
  });
});
