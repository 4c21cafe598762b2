// plan() table tests: pure, no database, no Graph.
import { describe, expect, it } from "vitest";
import { DEFAULT_BLUEPRINT, parseBlueprint, resolveRoleActions, STAGE_DEFAULTS, type BlueprintDefinition } from "./blueprint";
import { stepKey } from "./keys";
import type { Observed, ObservedObject } from "./observed";
import { plan } from "./plan";
import { desiredPolicyShape, policyBody, policyShapeFromGraph } from "./policy";

const TENANT = "f751f8f2-154d-4e76-acbb-2dba45769137";
const MSSP = { tenantId: "74361f78-e191-4c87-ac08-85e9f5f72879", displayName: "Northwind Defense" };
const ADMIN = "11111111-1111-4111-8111-111111111111";
const ACTIONS = [
  "microsoft.xdr/secops/securitydata/read",
  "microsoft.xdr/secops/securitydata/alerts/manage",
  "microsoft.xdr/secops/securitydata/response/manage",
  "microsoft.xdr/secops/securitydata/liveresponse-basic/manage",
  "microsoft.xdr/secops/securitydata/liveresponse-advanced/manage",
  "microsoft.xdr/configuration/security/manage",
  "microsoft.xdr/configuration/system/manage",
];

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function empty(overrides: Partial<Observed> = {}): Observed {
  return {
    licence: { ok: true, plans: ["Microsoft Entra ID P2"] },
    mssp: MSSP,
    approver: { found: true, userId: ADMIN, source: "consentAdmin", label: "Contoso Admin" },
    defender: { available: true, actions: ACTIONS },
    objects: new Map(),
    vanished: new Set(),
    ...overrides,
  };
}

/** Every blueprint object present, recorded and exactly as the blueprint says. */
function full(bp: BlueprintDefinition = DEFAULT_BLUEPRINT): Observed {
  const objects = new Map<string, ObservedObject>();
  let n = 1;
  const groupIds = new Map(bp.groups.map((g) => [g.key, id(n++)]));
  for (const g of bp.groups) objects.set(stepKey.group(g.key), { kind: "group", graphId: groupIds.get(g.key)!, recorded: true, fields: { displayName: g.displayName, description: g.description, securityEnabled: true } });
  const orgId = id(n++);
  objects.set(stepKey.connectedOrganization(), { kind: "connectedOrganization", graphId: orgId, recorded: true, fields: { displayName: MSSP.displayName, description: bp.connectedOrganization.description, state: "configured", tenantIds: [MSSP.tenantId] } });
  objects.set(stepKey.catalog(), { kind: "catalog", graphId: id(n++), recorded: true, fields: { displayName: bp.catalog.displayName, description: bp.catalog.description, state: "published", isExternallyVisible: true } });
  for (const p of bp.accessPackages) {
    const groupId = groupIds.get(p.group)!;
    objects.set(stepKey.catalogResource(p.group), { kind: "catalogResource", graphId: id(n++), recorded: true, fields: { groupId } });
    objects.set(stepKey.accessPackage(p.key), { kind: "accessPackage", graphId: id(n++), recorded: true, fields: { displayName: p.displayName, description: p.description, isHidden: false } });
    objects.set(stepKey.resourceRoleScope(p.key), { kind: "resourceRoleScope", graphId: id(n++), recorded: true, fields: { groupId } });
    const stageApprovers = p.policy.stages.map((s) => (s.type === "group" ? `group:${groupIds.get(s.group)}` : `user:${ADMIN}`));
    objects.set(stepKey.assignmentPolicy(p.key), { kind: "assignmentPolicy", graphId: id(n++), recorded: true, fields: desiredPolicyShape(p.policy, { connectedOrganizationId: orgId, stageApprovers }) });
  }
  for (const r of bp.defenderRoles) {
    const roleId = id(n++);
    objects.set(stepKey.defenderRole(r.key), { kind: "defenderRole", graphId: roleId, recorded: true, fields: { displayName: r.displayName, description: r.description, actions: resolveRoleActions(r, ACTIONS) } });
    objects.set(stepKey.defenderRoleAssignment(r.key), { kind: "defenderRoleAssignment", graphId: id(n++), recorded: true, fields: { roleDefinitionId: roleId, principalIds: [groupIds.get(r.group)!], appScopeIds: ["/"] } });
  }
  return empty({ objects });
}

const actions = (observed: Observed) => Object.fromEntries(plan(DEFAULT_BLUEPRINT, observed, { tenantId: TENANT }).steps.map((s) => [s.key, s.action]));

describe("plan", () => {
  it("empty tenant: creates every object, in dependency order, with stable keys", () => {
    const result = plan(DEFAULT_BLUEPRINT, empty(), { tenantId: TENANT });
    expect(result.blocked).toBeUndefined();
    expect(result.steps.map((s) => s.key)).toEqual([
      "group:tier1", "group:tier2", "group:approvers", "connectedOrganization", "catalog",
      "catalogResource:tier1", "catalogResource:tier2", "catalogResource:approvers",
      "accessPackage:tier1", "roleScope:tier1", "policy:tier1",
      "accessPackage:tier2", "roleScope:tier2", "policy:tier2",
      "accessPackage:approvers", "roleScope:approvers", "policy:approvers",
      "defenderRole:tier1", "defenderAssignment:tier1", "defenderRole:tier2", "defenderAssignment:tier2",
    ]);
    expect(result.steps.every((s) => s.action === "create")).toBe(true);
    const position = new Map(result.steps.map((s, i) => [s.key, i]));
    for (const step of result.steps) for (const dep of step.dependsOn) expect(position.get(dep)).toBeLessThan(position.get(step.key)!);
    const policy = result.steps.find((s) => s.key === "policy:tier1")!;
    expect(policy.dependsOn).toEqual(expect.arrayContaining(["accessPackage:tier1", "connectedOrganization", "group:approvers"]));
    expect(policy.change.approvalStages).toEqual({ after: [["group:(new group:approvers)"]] });
    expect(policy.change.expiration).toEqual({ after: "P365D" });
    expect(policy.change.reviewEveryMonths).toEqual({ after: 12 });
    expect(result.steps.find((s) => s.key === "policy:approvers")!.change.approvalStages).toEqual({ after: [[`user:${ADMIN}`]] });
    expect(result.steps.find((s) => s.key === "catalog")!.change).toMatchObject({ isExternallyVisible: { after: true }, state: { after: "published" } });
    expect(result.steps[0]!.reason).toMatch(/does not have it yet/);
  });

  it("Tier 1 holds no live response and no security settings; Tier 2 adds live response", () => {
    const steps = plan(DEFAULT_BLUEPRINT, empty(), { tenantId: TENANT }).steps;
    const tier1 = steps.find((s) => s.key === "defenderRole:tier1")!.change.actions!.after as string[];
    const tier2 = steps.find((s) => s.key === "defenderRole:tier2")!.change.actions!.after as string[];
    expect(tier1).toEqual(["microsoft.xdr/secops/securitydata/alerts/manage", "microsoft.xdr/secops/securitydata/read", "microsoft.xdr/secops/securitydata/response/manage"]);
    expect(tier2).toEqual([...tier1, "microsoft.xdr/secops/securitydata/liveresponse-advanced/manage", "microsoft.xdr/secops/securitydata/liveresponse-basic/manage"].sort());
  });

  it("fully provisioned: nothing to do", () => {
    const steps = plan(DEFAULT_BLUEPRINT, full(), { tenantId: TENANT }).steps;
    expect(steps).toHaveLength(21);
    expect(steps.filter((s) => s.action !== "none")).toEqual([]);
    expect(steps.every((s) => Object.keys(s.change).length === 0 && s.graphId)).toBe(true);
  });

  it("partly provisioned: creates what is missing, updates what drifted, recreates what was deleted", () => {
    const observed = full();
    observed.objects.delete("accessPackage:tier2");
    observed.objects.delete("roleScope:tier2");
    observed.objects.delete("policy:tier2");
    observed.objects.delete("group:tier2");
    observed.vanished.add("group:tier2");
    const catalog = observed.objects.get("catalog")!;
    if (catalog.kind === "catalog") catalog.fields = { ...catalog.fields, isExternallyVisible: false };
    const result = plan(DEFAULT_BLUEPRINT, observed, { tenantId: TENANT });
    const byKey = new Map(result.steps.map((s) => [s.key, s]));
    expect(byKey.get("group:tier2")).toMatchObject({ action: "create" });
    expect(byKey.get("group:tier2")!.reason).toMatch(/no longer exists/);
    expect(byKey.get("catalog")).toMatchObject({ action: "update", change: { isExternallyVisible: { before: false, after: true } } });
    expect(byKey.get("catalog")!.reason).toMatch(/isExternallyVisible/);
    // The group's catalog resource and Defender assignment now point at a group that will be new.
    expect(byKey.get("catalogResource:tier2")).toMatchObject({ action: "create", change: { groupId: { after: "(new group:tier2)" } } });
    expect(byKey.get("defenderAssignment:tier2")).toMatchObject({ action: "update", change: { principalIds: { after: ["(new group:tier2)"] } } });
    expect(byKey.get("accessPackage:tier2")!.action).toBe("create");
    expect(byKey.get("policy:tier2")!.action).toBe("create");
    expect(byKey.get("accessPackage:tier1")!.action).toBe("none");
  });

  it("adoption: an unrecorded object with the exact name is adopted, with its differences corrected", () => {
    const observed = full();
    const group = observed.objects.get("group:tier1")!;
    observed.objects.set("group:tier1", { ...group, recorded: false, fields: { displayName: "Tier 1 Analyst", description: "made by hand", securityEnabled: true } } as ObservedObject);
    const catalog = observed.objects.get("catalog")!;
    observed.objects.set("catalog", { ...catalog, recorded: false });
    const byKey = new Map(plan(DEFAULT_BLUEPRINT, observed, { tenantId: TENANT }).steps.map((s) => [s.key, s]));
    expect(byKey.get("group:tier1")).toMatchObject({ action: "adopt", graphId: group.graphId, change: { description: { before: "made by hand", after: DEFAULT_BLUEPRINT.groups[0]!.description } } });
    expect(byKey.get("group:tier1")!.reason).toMatch(/did not create.*corrects/);
    expect(byKey.get("catalog")).toMatchObject({ action: "adopt", change: {} });
  });

  it("blocked licence: the plan says why and still shows what would be done", () => {
    const result = plan(DEFAULT_BLUEPRINT, empty({ licence: { ok: false, plans: ["Microsoft Entra ID P1", "exchange"] } }), { tenantId: TENANT });
    expect(result.blocked).toMatchObject({ code: "licence" });
    expect(result.blocked!.message).toMatch(/Entra ID P2 or Entra ID Governance licence \(it has Microsoft Entra ID P1, exchange\).*nothing was changed/);
    expect(result.steps).toHaveLength(21);
  });

  it("Defender unavailable: role steps are manual with the checklist and deep links into the tenant", () => {
    const reason = "Microsoft refused the Defender XDR Unified RBAC API (Forbidden).";
    const result = plan(DEFAULT_BLUEPRINT, empty({ defender: { available: false, code: "Forbidden", reason } }), { tenantId: TENANT });
    const role = result.steps.find((s) => s.key === "defenderRole:tier1")!;
    expect(role).toMatchObject({ action: "manual", reason });
    expect(role.manual!.items.map((i) => i.href).filter(Boolean)).toEqual(expect.arrayContaining([
      `https://security.microsoft.com/mtp_roles?tid=${TENANT}`,
      `https://security.microsoft.com/securitysettings/endpoints/user_roles?tid=${TENANT}`,
    ]));
    expect(role.manual!.items.some((i) => /do not tick Live response/.test(i.text))).toBe(true);
    expect(result.steps.find((s) => s.key === "defenderRole:tier2")!.manual!.items.some((i) => /plus Live response/.test(i.text))).toBe(true);
    expect(actions(empty({ defender: { available: false, code: "x", reason } }))["group:tier1"]).toBe("create");
  });

  it("no approver for the Approvers package: the plan says so as a manual step", () => {
    const reason = "Nobody approves the Approvers package: the administrator who granted consent is not known and the blueprint names no other customer user.";
    const result = plan(DEFAULT_BLUEPRINT, empty({ approver: { found: false, reason } }), { tenantId: TENANT });
    expect(result.steps.find((s) => s.key === "policy:approvers")).toMatchObject({ action: "manual", reason });
    expect(result.steps.find((s) => s.key === "policy:tier1")!.action).toBe("create");
  });

  it("a policy that drifted is updated with the exact fields", () => {
    const observed = full();
    const policy = observed.objects.get("policy:tier1")!;
    if (policy.kind === "assignmentPolicy") policy.fields = { ...policy.fields, expiration: "P30D", extension: false };
    const step = plan(DEFAULT_BLUEPRINT, observed, { tenantId: TENANT }).steps.find((s) => s.key === "policy:tier1")!;
    expect(step).toMatchObject({ action: "update", change: { expiration: { before: "P30D", after: "P365D" }, extension: { before: false, after: true } } });
    expect(Object.keys(step.change)).toEqual(["expiration", "extension"]);
  });

  describe("how a stage's approvers decide", () => {
    const withTier1Stage = (stage: Partial<BlueprintDefinition["accessPackages"][number]["policy"]["stages"][number]>): BlueprintDefinition => {
      const bp = structuredClone(DEFAULT_BLUEPRINT);
      Object.assign(bp.accessPackages[0]!.policy.stages[0]!, stage);
      return bp;
    };
    const tier1 = (bp: BlueprintDefinition, observed: Observed) => plan(bp, observed, { tenantId: TENANT }).steps.find((s) => s.key === "policy:tier1")!;

    it("a blueprint edit of the decision time updates the policy with that field alone", () => {
      const step = tier1(withTier1Stage({ decisionDays: 7 }), full());
      expect(step).toMatchObject({ action: "update", change: { approvalDecisionDays: { before: [14], after: [7] } } });
      expect(Object.keys(step.change)).toEqual(["approvalDecisionDays"]);
      expect(step.reason).toMatch(/approvalDecisionDays/);
    });

    it("a blueprint edit requiring the approvers' reason updates the policy", () => {
      const step = tier1(withTier1Stage({ approverJustificationRequired: true }), full());
      expect(step).toMatchObject({ action: "update", change: { approverJustificationRequired: { before: [false], after: [true] } } });
      expect(Object.keys(step.change)).toEqual(["approverJustificationRequired"]);
    });

    it("the default blueprint, even stored before stages had settings, finds a tenant Graph holds at P14D unchanged", () => {
      // Each policy as Graph returns it when Gatehouse hard-coded P14D and no approver reason.
      const observed = full();
      for (const [key, object] of observed.objects) {
        if (object.kind !== "assignmentPolicy") continue;
        const body = policyBody(object.fields, { connectedOrganization: MSSP.displayName, approver: () => "Approvers" }, new Date("2025-01-01T00:00:00Z")) as { requestApprovalSettings: { stages: Record<string, unknown>[] } };
        for (const stage of body.requestApprovalSettings.stages) Object.assign(stage, { durationBeforeAutomaticDenial: "P14D", isApproverJustificationRequired: false });
        observed.objects.set(key, { ...object, fields: policyShapeFromGraph(body) });
      }
      const stored = JSON.parse(JSON.stringify(DEFAULT_BLUEPRINT)) as { accessPackages: { policy: { stages: Record<string, unknown>[] } }[] };
      for (const p of stored.accessPackages) for (const stage of p.policy.stages) {
        delete stage.decisionDays;
        delete stage.approverJustificationRequired;
      }
      for (const bp of [DEFAULT_BLUEPRINT, parseBlueprint(stored)]) {
        expect(plan(bp, observed, { tenantId: TENANT }).steps.filter((s) => s.action !== "none")).toEqual([]);
      }
      // …while a tenant whose stage an admin shortened to three days is not.
      const policy = observed.objects.get("policy:tier2")!;
      if (policy.kind === "assignmentPolicy") policy.fields = { ...policy.fields, approvalDecisionDays: [3] };
      expect(plan(DEFAULT_BLUEPRINT, observed, { tenantId: TENANT }).steps.find((s) => s.key === "policy:tier2")!.change).toEqual({ approvalDecisionDays: { before: [3], after: [14] } });
    });
  });

  describe("two approval stages", () => {
    // Tier 1: MSSP Analyst Approvers first, then the customer's administrator.
    const twoStages = (): BlueprintDefinition => {
      const bp = structuredClone(DEFAULT_BLUEPRINT);
      bp.accessPackages[0]!.policy.stages = [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }];
      return bp;
    };
    const policyOf = (bp: BlueprintDefinition, observed: Observed) => plan(bp, observed, { tenantId: TENANT }).steps.find((s) => s.key === "policy:tier1")!;

    it.each([
      ["empty tenant: both stages in order", () => empty(), "create", { approvalStages: { after: [["group:(new group:approvers)"], [`user:${ADMIN}`]] } }],
      // The new stage's decision settings go out with it (the PUT carries every stage).
      ["tenant has only stage 1: the second stage is added", () => full(), "update", {
        approvalStages: { before: [[`group:${id(3)}`]], after: [[`group:${id(3)}`], [`user:${ADMIN}`]] },
        approvalDecisionDays: { before: [14], after: [14, 14] },
        approverJustificationRequired: { before: [false], after: [false, false] },
      }],
      ["tenant already has both stages: nothing to do", () => full(twoStages()), "none", {}],
    ] as const)("%s", (_name, observed, action, change) => {
      const step = policyOf(twoStages(), observed());
      expect(step.action).toBe(action);
      if (action === "create") expect(step.change.approvalStages).toEqual(change.approvalStages);
      else expect(step.change).toEqual(change);
    });

    it("stages in another order are drift: Graph asks them in order", () => {
      const swapped = twoStages();
      swapped.accessPackages[0]!.policy.stages.reverse();
      expect(policyOf(swapped, full(twoStages())).change.approvalStages).toEqual({ before: [[`group:${id(3)}`], [`user:${ADMIN}`]], after: [[`user:${ADMIN}`], [`group:${id(3)}`]] });
    });

    it("back to one stage removes the second", () => {
      expect(policyOf(DEFAULT_BLUEPRINT, full(twoStages())).change.approvalStages).toEqual({ before: [[`group:${id(3)}`], [`user:${ADMIN}`]], after: [[`group:${id(3)}`]] });
    });

    it("a customer-administrator stage with nobody to ask makes the policy manual", () => {
      const reason = "nobody";
      expect(policyOf(twoStages(), empty({ approver: { found: false, reason } }))).toMatchObject({ action: "manual", reason });
    });
  });
});
