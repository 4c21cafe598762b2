// The assignment policy body and its reading back: pure.
import { describe, expect, it } from "vitest";
import { DEFAULT_BLUEPRINT, STAGE_DEFAULTS, type BlueprintPolicy } from "./blueprint";
import { desiredPolicyShape, policyBody, policyShapeFromGraph, stageApprovers } from "./policy";

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

type Stage = { primaryApprovers: { "@odata.type": string; groupId?: string; userId?: string; description: string }[]; durationBeforeAutomaticDenial: string };

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

  it("stage approvers name the dependency on the approving group", () => {
    const approvers = stageApprovers(policy([{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }]), DEFAULT_BLUEPRINT, approver, (key) => `(new ${key})`);
    expect(approvers).toEqual([
      { ref: "group:(new group:approvers)", label: "MSSP Analyst Approvers", dependsOn: "group:approvers" },
      { ref: `user:${ADMIN}`, label: "Contoso Admin" },
    ]);
    expect(stageApprovers(policy([{ type: "consentAdmin", ...STAGE_DEFAULTS }]), DEFAULT_BLUEPRINT, { found: false, reason: "x" }, () => GROUP)).toBeNull();
  });
});
