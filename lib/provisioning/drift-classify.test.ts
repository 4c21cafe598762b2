import { describe, expect, it } from "vitest";
import { approverItems, approverMemberDifferences, classifyDrift, durationDays, fieldSeverity, type ApproverGroupState } from "./drift-classify";
import type { PlanStep } from "./types";

const step = (over: Partial<PlanStep>): PlanStep => ({ key: "policy:tier1", kind: "assignmentPolicy", action: "update", title: "Update assignment policy \"Tier 1\"", reason: "", change: {}, dependsOn: [], ...over });

describe("drift severities", () => {
  it.each([
    ["assignmentPolicy", "allowedTargetScope", "allExternalUsers", "specificConnectedOrganizationUsers", "high"],
    ["assignmentPolicy", "approvalRequired", false, true, "high"],
    ["assignmentPolicy", "expiration", "P730D", "P365D", "high"],
    ["assignmentPolicy", "expiration", null, "P365D", "high"],
    ["assignmentPolicy", "expiration", "P90D", "P365D", "medium"],
    ["assignmentPolicy", "approvalStages", [["group:a", "user:b"]], [["group:a"]], "high"],
    ["assignmentPolicy", "approvalStages", [["group:a"]], [["group:a"], ["user:b"]], "high"],
    ["assignmentPolicy", "approvalStages", [], [["group:a"]], "high"],
    ["assignmentPolicy", "approvalStages", [["group:a"], ["user:b"]], [["group:a"]], "medium"],
    ["assignmentPolicy", "approvalStages", [["user:b"]], [["group:a"]], "high"],
    ["assignmentPolicy", "approvalStages", [["group:a"], ["user:c"]], [["group:a"], ["user:b"]], "high"],
    ["assignmentPolicy", "reviewEveryMonths", null, 12, "high"],
    // how long approvers have, or whether they give a reason, changes no sign-off: never high
    ["assignmentPolicy", "approvalDecisionDays", [14], [7], "medium"],
    ["assignmentPolicy", "approvalDecisionDays", [3], [14], "medium"],
    ["assignmentPolicy", "approvalDecisionDays", [14, 1.5], [14, 14], "medium"],
    ["assignmentPolicy", "approverJustificationRequired", [false], [true], "medium"],
    ["assignmentPolicy", "approverJustificationRequired", [true, false], [false, false], "medium"],
    ["defenderRole", "actions", ["a", "b"], ["a"], "high"],
    ["defenderRole", "actions", [], ["a"], "medium"],
    ["group", "displayName", "Tier 1 (old)", "Tier 1 Analyst", "low"],
    ["accessPackage", "description", "x", "y", "low"],
    // a reference to an object deleted and made again is broken, not wider
    ["defenderRoleAssignment", "principalIds", ["old-group"], ["(new group:tier2)"], "medium"],
    ["assignmentPolicy", "connectedOrganizationIds", ["old-org"], ["(new connectedOrganization)"], "medium"],
    ["defenderRoleAssignment", "principalIds", ["group-1", "rogue"], ["group-1"], "high"],
  ] as const)("%s.%s %j (blueprint %j) is %s", (kind, field, actual, expected, severity) => {
    expect(fieldSeverity(kind, field, actual, expected)).toBe(severity);
  });

  it("a stage removed is one item: the per-stage settings that went with it are not repeated", () => {
    const removed = classifyDrift({ steps: [step({ change: {
      approvalStages: { before: [["group:a"]], after: [["group:a"], ["user:b"]] },
      approvalDecisionDays: { before: [14], after: [14, 14] },
      approverJustificationRequired: { before: [false], after: [false, false] },
    } })] });
    expect(removed.map((i) => [i.field, i.severity])).toEqual([["approvalStages", "high"]]);
    // A setting that differs in a stage both have is still its own item.
    const changed = classifyDrift({ steps: [step({ change: {
      approvalStages: { before: [["group:a"]], after: [["group:a"], ["user:b"]] },
      approvalDecisionDays: { before: [3], after: [14, 14] },
    } })] });
    expect(changed.map((i) => [i.field, i.severity])).toEqual([["approvalStages", "high"], ["approvalDecisionDays", "medium"]]);
    const alone = classifyDrift({ steps: [step({ change: { approvalDecisionDays: { before: [3], after: [14] } } })] });
    expect(alone).toMatchObject([{ field: "approvalDecisionDays", severity: "medium", actual: [3], expected: [14], repairable: true }]);
    expect(alone[0]!.message).toBe('Assignment policy "Tier 1": approvalDecisionDays is [3], the blueprint says [14].');
  });

  it("reads ISO durations as days", () => {
    expect([durationDays("P365D"), durationDays("P2Y"), durationDays("P1W"), durationDays(null)]).toEqual([365, 730, 7, null]);
  });

  it("turns steps into items worst first; nothing for `none` and `manual`", () => {
    const items = classifyDrift({
      steps: [
        step({ key: "group:tier1", kind: "group", change: { displayName: { before: "X", after: "Tier 1 Analyst" } } }),
        step({ change: { expiration: { before: "P730D", after: "P365D" } } }),
        step({ key: "group:tier2", kind: "group", action: "create", change: { displayName: { after: "Tier 2 Analyst" } } }),
        step({ key: "catalog", kind: "catalog", action: "none" }),
        step({ key: "defenderRole:tier1", kind: "defenderRole", action: "manual" }),
      ],
    }, { approverGroups: [approvers({ memberIds: [] })], extraRoleScopes: [{ packageKey: "accessPackage:tier2", packageId: "p2", scopeId: "s1", label: "Member of Tier 2 Analyst", orphaned: true }] });
    expect(items.map((i) => [i.key, i.severity, i.repairable])).toEqual([
      ["policy:tier1", "high", true],
      ["approversEmpty:approvers", "medium", true],
      ["extraScope:s1", "medium", true],
      ["group:tier2", "medium", true],
      ["group:tier1", "low", true],
    ]);
    expect(items[0]!.message).toContain("P730D");
  });
});

const delivered = (targetId: string, targetName: string) => ({ state: "delivered", targetId, targetName });
const approvers = (over: Partial<ApproverGroupState> = {}): ApproverGroupState => ({
  key: "approvers", displayName: "MSSP Analyst Approvers", packageName: "MSSP Analyst Approvers", memberIds: ["u1", "u2"],
  assignments: [delivered("u1", "Alex"), delivered("U2", "Blair")], requestUrl: "https://myaccess.microsoft.com/@c.example#/access-packages/p", ...over,
});

describe("approvers group drift", () => {
  it("is clean when every delivered approver is a member, or when nobody was ever assigned", () => {
    expect(approverItems(approvers())).toEqual([]);
    expect(approverItems(approvers({ memberIds: [], assignments: [] }))).toEqual([]);
    // Entitlement management is still adding the member: not someone nobody approved.
    expect(approverItems(approvers({ memberIds: ["u1", "u2", "u3"], assignments: [delivered("u1", "Alex"), delivered("u2", "Blair"), { state: "Delivering", targetId: "u3", targetName: "Casey" }] }))).toEqual([]);
  });

  it("a member no assignment put there is high and repairable: approving without approval, expiry or review", () => {
    const items = approverItems(approvers({ memberIds: ["u1", "u2", "U9"] }));
    expect(items).toMatchObject([{ key: "approversExtra:approvers", kind: "approverMembers", severity: "high", field: "members", repairable: true, actual: ["u9"] }]);
    expect(items[0]!.message).toMatch(/has 1 member\(s\) that no "MSSP Analyst Approvers" assignment put there \(u9\).*Repair removes them/);
  });

  it("a member whose assignment ended is one nobody approved any more; the group can lack one and hold another", () => {
    const group = approvers({ memberIds: ["u1", "u3"], assignments: [delivered("u1", "Alex"), delivered("u2", "Blair"), { state: "expired", targetId: "u3", targetName: "Casey" }] });
    expect(approverMemberDifferences(group)).toEqual({ missing: [delivered("u2", "Blair")], extra: ["u3"], removable: true });
    expect(approverItems(group).map((i) => [i.key, i.severity])).toEqual([["approversExtra:approvers", "high"], ["approversMissing:approvers", "medium"]]);
  });

  it("never empties the group on its own: with no assignment in force, members nobody approved are reported for a person", () => {
    // A blueprint edit that replaced the Approvers package: the new one has no assignment yet, and
    // the members the old one put there read as approved by nobody.
    for (const assignments of [[], [{ state: "expired", targetId: "u1", targetName: "Alex" }]]) {
      const group = approvers({ memberIds: ["u1", "u2"], assignments });
      expect(approverMemberDifferences(group)).toMatchObject({ extra: ["u1", "u2"], removable: false });
      const [item, ...rest] = approverItems(group);
      expect(rest).toEqual([]);
      expect(item).toMatchObject({ key: "approversExtra:approvers", severity: "high", repairable: false, href: "https://myaccess.microsoft.com/@c.example#/access-packages/p" });
      expect(item!.message).toMatch(/does not empty the group on its own.*remove them from the group in Entra/);
    }
  });

  it("a member whose assignment is in a state Gatehouse does not know (unknownFutureValue, none) is not removed", () => {
    // Graph's evolvable enum: a live state added later reads as unknownFutureValue to this client.
    for (const state of ["unknownFutureValue", "", "pendingDelivery"]) {
      const group = approvers({ memberIds: ["u1", "u2", "u3"], assignments: [delivered("u1", "Alex"), delivered("u2", "Blair"), { state, targetId: "u3", targetName: "Casey" }] });
      expect(approverMemberDifferences(group).extra, state).toEqual([]);
      expect(approverItems(group), state).toEqual([]);
    }
    // Ended ones still count as nobody's approval any more.
    expect(approverMemberDifferences(approvers({ memberIds: ["u1", "u2", "u3"], assignments: [delivered("u1", "Alex"), delivered("u2", "Blair"), { state: "deliveryFailed", targetId: "u3", targetName: "Casey" }] })).extra).toEqual(["u3"]);
  });

  it("an emptied group is medium and repairable: Repair adds back each delivered target", () => {
    const [item, ...rest] = approverItems(approvers({ memberIds: [] }));
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ key: "approversEmpty:approvers", kind: "approverMembers", severity: "medium", repairable: true, actual: [], expected: ["Alex", "Blair"] });
    expect(item!.message).toContain("Repair adds back Alex, Blair");
  });

  it("one approver removed is reported apart from an emptied group", () => {
    expect(approverItems(approvers({ memberIds: ["u1"] }))).toMatchObject([{ key: "approversMissing:approvers", severity: "medium", repairable: true, actual: ["Alex"], expected: ["Alex", "Blair"] }]);
  });

  it("an empty group with no delivered assignment left says what a person must do, with the request link", () => {
    const [item] = approverItems(approvers({ memberIds: [], assignments: [{ state: "expired", targetId: "u1", targetName: "Alex" }] }));
    expect(item).toMatchObject({ key: "approversEmpty:approvers", severity: "medium", repairable: false, href: "https://myaccess.microsoft.com/@c.example#/access-packages/p" });
    expect(item!.message).toMatch(/requests "MSSP Analyst Approvers" again in the customer's My Access, and the customer's administrator approves it/);
  });
});
