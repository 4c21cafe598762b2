import { describe, expect, it } from "vitest";
import { DEFAULT_BLUEPRINT } from "./blueprint";
import { diffBlueprints } from "./blueprint-diff";

describe("diffBlueprints", () => {
  it("names each change by the keys admins chose, ignoring order", () => {
    const after = structuredClone(DEFAULT_BLUEPRINT);
    after.accessPackages.reverse();
    after.accessPackages.find((p) => p.key === "tier1")!.policy.expirationDays = 180;
    after.groups = after.groups.filter((g) => g.key !== "tier2");
    after.autoRepairHighDrift = true;
    expect(diffBlueprints(DEFAULT_BLUEPRINT, after)).toEqual([
      { path: "autoRepairHighDrift", before: false, after: true },
      { path: "groups[tier2]", before: DEFAULT_BLUEPRINT.groups.find((g) => g.key === "tier2") },
      { path: "accessPackages[tier1].policy.expirationDays", before: 365, after: 180 },
    ]);
    expect(diffBlueprints(DEFAULT_BLUEPRINT, structuredClone(DEFAULT_BLUEPRINT))).toEqual([]);
  });
});
