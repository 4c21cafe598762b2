import { describe, expect, it } from "vitest";
import { planRemoval, REMOVAL_ORDER, tiers } from "./order";

const rec = (key: string, kind: string, adopted = false) => ({ key, kind, graphId: `id-${key}`, displayName: key, adopted });

describe("planRemoval", () => {
  const records = [
    rec("group:tier1", "group"), rec("catalog", "catalog"), rec("accessPackage:tier1", "accessPackage"),
    rec("roleScope:tier1", "resourceRoleScope"), rec("policy:tier1", "assignmentPolicy"), rec("catalogResource:tier1", "catalogResource"),
    rec("connectedOrganization", "connectedOrganization"), rec("defenderRole:tier1", "defenderRole"), rec("defenderAssignment:tier1", "defenderRoleAssignment"),
    rec("group:approvers", "group", true),
  ];

  it("orders removals backwards through the dependencies, assignments first", () => {
    const { removals } = planRemoval(records);
    expect(removals.map((r) => r.key)).toEqual([
      "assignments:tier1", "policy:tier1", "roleScope:tier1", "accessPackage:tier1", "catalogResource:tier1", "catalog",
      "connectedOrganization", "defenderAssignment:tier1", "defenderRole:tier1", "group:tier1",
    ]);
    for (let i = 1; i < removals.length; i++) expect(REMOVAL_ORDER.indexOf(removals[i]!.kind)).toBeGreaterThanOrEqual(REMOVAL_ORDER.indexOf(removals[i - 1]!.kind));
  });

  it("addresses scopes through their package and resources through the catalog and group", () => {
    const { removals } = planRemoval(records);
    expect(removals.find((r) => r.key === "roleScope:tier1")!.parents).toEqual({ packageId: "id-accessPackage:tier1" });
    expect(removals.find((r) => r.key === "catalogResource:tier1")!.parents).toEqual({ catalogId: "id-catalog", groupId: "id-group:tier1" });
    expect(removals.find((r) => r.key === "assignments:tier1")!.parents).toEqual({ packageId: "id-accessPackage:tier1" });
  });

  it("leaves adopted objects in place and never touches an unknown kind", () => {
    const plan = planRemoval([...records, rec("mystery", "somethingElse")]);
    expect(plan.leftInPlace.map((r) => r.key)).toEqual(["group:approvers"]);
    expect(plan.unknown.map((r) => r.key)).toEqual(["mystery"]);
    expect(plan.removals.some((r) => r.key === "group:approvers" || r.key === "mystery")).toBe(false);
  });

  it("groups removals in tiers of one kind, in order", () => {
    const t = tiers(planRemoval(records).removals);
    expect(t.map((tier) => tier[0]!.kind)).toEqual(REMOVAL_ORDER);
    expect(planRemoval([]).removals).toEqual([]);
  });
});
