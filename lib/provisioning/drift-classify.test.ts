import { describe, expect, it } from "vitest";
import { classifyDrift, durationDays, fieldSeverity } from "./drift-classify";
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
    ["defenderRole", "actions", ["a", "b"], ["a"], "high"],
    ["defenderRole", "actions", [], ["a"], "medium"],
    ["group", "displayName", "Tier 1 (old)", "Tier 1 Analyst", "low"],
    ["accessPackage", "description", "x", "y", "low"],
  ] as const)("%s.%s %j (blueprint %j) is %s", (kind, field, actual, expected, severity) => {
    expect(fieldSeverity(kind, field, actual, expected)).toBe(severity);
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
    }, { emptyApproverGroups: [{ key: "approvers", displayName: "MSSP Analyst Approvers", deliveredAssignments: 2 }] });
    expect(items.map((i) => [i.key, i.severity, i.repairable])).toEqual([
      ["policy:tier1", "high", true],
      ["approversEmpty:approvers", "medium", false],
      ["group:tier2", "medium", true],
      ["group:tier1", "low", true],
    ]);
    expect(items[0]!.message).toContain("P730D");
  });
});
