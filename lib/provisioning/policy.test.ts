// The assignment policy body and its reading back: pure.
import { describe, expect, it } from "vitest";
import { DEFAULT_BLUEPRINT, STAGE_DEFAULTS, type BlueprintPolicy } from "./blueprint";
import { desiredPolicyShape, durationInDays, policyBody, policyShapeFromGraph, stageApprovers } from "./policy";

const ORG = "22222222-2222-4222-8222-222222222222";
const GROUP = "33333333-3333-4333-8333-333333333333";
const ADMIN = "11111111-1111-4111-8111-111111111111";
const NOW = new Date("2026-03-01T10:00:00Z");
const approver = { found: true as const, userId: ADMIN, source: "consentAdmin" as const, label: "Contoso Admin" };

const policy = (stages: BlueprintPolicy["stages"]): BlueprintPolicy => ({ ...DEFAULT_BLUEPRINT.accessPackages[0]!.policy, stages });
const labels = { connectedOrganization: "Northwind", approver: (ref: string) => (ref.startsWith("group:") ? "MSSP Analyst Approvers" : "Contoso Admin") };

function bodyOf(p: BlueprintPolicy) {
  const approvers = stageApprovers(p, DEFAULT_BLUEPRINT, approver, () => GROUP)!;
  const shape = desiredPolicyShape(p, { connectedOrganizationId: ORG, stageApprovers: approvers.map((a) => a.ref) });
  return { shape, body: policyBody(shape, labels, NOW) };
}

type Stage = { primaryApprovers: { "@odata.type": string; groupId?: string; userId?: string; description: string }[]; durationBeforeAutomaticDenial: string; isApproverJustificationRequired: boolean };

describe("assignment policy stages", () => {
  it.each([
    ["one group stage (the recipe)", [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }], [[{ "@odata.type": "#microsoft.graph.groupMembers", groupId: GROUP, description: "MSSP Analyst Approvers" }]]],
    ["group, then the customer administrator", [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }], [
      [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: GROUP, description: "MSSP Analyst Approvers" }],
      [{ "@odata.type": "#microsoft.graph.singleUser", userId: ADMIN, description: "Contoso Admin" }],
    ]],
    ["the customer administrator, then the group", [{ type: "consentAdmin", ...STAGE_DEFAULTS }, { type: "group", group: "approvers", ...STAGE_DEFAULTS }], [
      [{ "@odata.type": "#microsoft.graph.singleUser", userId: ADMIN, description: "Contoso Admin" }],
      [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: GROUP, description: "MSSP Analyst Approvers" }],
    ]],
  ] as const)("%s: one Graph stage per blueprint stage, in order", (_name, stages, expected) => {
    const { shape, body } = bodyOf(policy(structuredClone(stages) as unknown as BlueprintPolicy["stages"]));
    const settings = body.requestApprovalSettings as { isApprovalRequiredForAdd: boolean; stages: Stage[] };
    expect(settings.isApprovalRequiredForAdd).toBe(true);
    expect(settings.stages.map((s) => s.primaryApprovers)).toEqual(expected);
    expect(settings.stages.every((s) => s.durationBeforeAutomaticDenial === "P14D")).toBe(true);
    // What Graph returns reads back as the same shape: no drift right after creation.
    expect(policyShapeFromGraph(body)).toEqual(shape);
  });

  it("each Graph stage carries its own decision time and approver reason, and reads back the same", () => {
    const { shape, body } = bodyOf(policy([
      { type: "group", group: "approvers", decisionDays: 7, approverJustificationRequired: true },
      { type: "consentAdmin", decisionDays: 1, approverJustificationRequired: false },
    ]));
    const stages = (body.requestApprovalSettings as { stages: Stage[] }).stages;
    expect(stages.map((s) => [s.durationBeforeAutomaticDenial, s.isApproverJustificationRequired])).toEqual([["P7D", true], ["P1D", false]]);
    expect(shape).toMatchObject({ approvalDecisionDays: [7, 1], approverJustificationRequired: [true, false] });
    expect(policyShapeFromGraph(body)).toEqual(shape);
  });

  it("a policy Gatehouse made before stages had settings (P14D, no reason) reads as the default blueprint's", () => {
    const { shape, body } = bodyOf(DEFAULT_BLUEPRINT.accessPackages[0]!.policy);
    const old = structuredClone(body) as { requestApprovalSettings: { stages: Record<string, unknown>[] } };
    old.requestApprovalSettings.stages = old.requestApprovalSettings.stages.map((stage) => ({ ...stage, durationBeforeAutomaticDenial: "P14D", isApproverJustificationRequired: false }));
    expect(policyShapeFromGraph(old)).toEqual(shape);
    expect(shape).toMatchObject({ approvalDecisionDays: [14], approverJustificationRequired: [false] });
  });

  it("reads a stage's decision time in days whatever unit an admin set it in", () => {
    expect(["P14D", "P2W", "PT36H", "PT1H", "P1DT12H", "PT30M"].map(durationInDays)).toEqual([14, 14, 1.5, 1 / 24, 1.5, 1 / 48]);
    // Not a duration Gatehouse can read: never equal to a blueprint's days, so it is drift.
    expect(["P", "PT", "14", "P1Y", null, undefined].map(durationInDays)).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it("stage approvers name the dependency on the approving group", () => {
    const approvers = stageApprovers(policy([{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }]), DEFAULT_BLUEPRINT, approver, (key) => `(new ${key})`);
    expect(approvers).toEqual([
      { ref: "group:(new group:approvers)", label: "MSSP Analyst Approvers", dependsOn: "group:approvers" },
      { ref: `user:${ADMIN}`, label: "Contoso Admin" },
    ]);
    expect(stageApprovers(policy([{ type: "consentAdmin", ...STAGE_DEFAULTS }]), DEFAULT_BLUEPRINT, { found: false, reason: "x" }, () => GROUP)).toBeNull();
  });
});
