// The engine against a real database and the emulator's Entra ID and Graph: a fresh tenant
// ends exactly as the blueprint; re-runs write nothing; licence, Defender and consent gates.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type * as DbModule from "@/lib/db";
import type { GraphExchange } from "@/lib/graph/http";
import type * as Index from "./index";
import { startEngineHarness, type EngineHarness, type TestTenant } from "./testing/harness";

type Engine = typeof Index;
type Db = typeof DbModule.db;
type Loose = Record<string, unknown> & { value?: Loose[] };

let h: EngineHarness;
let engine: Engine;
let db: Db;
let workspaceId: string;
let next = 0;
const EM = "/v1.0/identityGovernance/entitlementManagement";

beforeAll(async () => {
  h = await startEngineHarness(15);
  engine = await import("./index");
  db = (await import("@/lib/db")).db;
  const workspace = await db.workspace.create({ data: { name: h.mssp.displayName, tenantId: h.mssp.id, primaryDomain: h.mssp.domain }, select: { id: true } });
  workspaceId = workspace.id;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control("DELETE", "/faults");
});

async function consentedCustomer(): Promise<{ tenant: TestTenant; customerId: string }> {
  const tenant = h.tenants[next++]!;
  const customer = await db.customer.create({
    data: { workspaceId, displayName: tenant.domain, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId, consentGrantedByName: "Customer Admin" },
    select: { id: true },
  });
  return { tenant, customerId: customer.id };
}

async function run(customerId: string, extra: { fetch?: typeof fetch } = {}) {
  const exchanges: GraphExchange[] = [];
  const runId = await engine.createRun({ workspaceId, customerId, trigger: "manual" });
  const status = await engine.executeRun(runId, { deps: { graphAccess: h.graphAccess, onExchange: (e) => exchanges.push(e), ...(extra.fetch ? { fetch: extra.fetch } : {}) } });
  const row = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { position: "asc" } } } });
  return { runId, status, row, exchanges, writes: exchanges.reduce((n, e) => n + e.writes, 0) };
}

const byName = (items: Loose[] | undefined, name: string) => (items ?? []).filter((i) => i.displayName === name);

describe("executeRun", () => {
  it("builds a fresh tenant exactly as the blueprint, read back through Graph", async () => {
    const { tenant, customerId } = await consentedCustomer();
    const result = await run(customerId);
    expect(result.row.errorMessage).toBeNull();
    expect(result.status).toBe("succeeded");
    expect(result.row).toMatchObject({ stepsTotal: 21, stepsDone: 21, graphWrites: result.writes });
    expect(result.row.steps.every((s) => s.status === "succeeded" && s.action === "create" && s.requestIds.length > 0 && s.startedAt && s.finishedAt)).toBe(true);
    expect(await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { status: true, attentionReason: true } })).toEqual({ status: "active", attentionReason: null });
    const records = new Map((await db.tenantObject.findMany({ where: { customerId } })).map((o) => [o.key, o]));
    expect(records.size).toBe(21);

    const read = <T = Loose>(path: string) => h.read<T>(tenant.id, path);
    const groups = await read("/v1.0/groups?$select=id,displayName,securityEnabled,mailEnabled");
    for (const name of ["Tier 1 Analyst", "Tier 2 Analyst", "MSSP Analyst Approvers"]) {
      const [group] = byName(groups.value, name);
      expect(group).toMatchObject({ securityEnabled: true, mailEnabled: false });
    }
    const groupId = (name: string) => String(byName(groups.value, name)[0]!.id);
    const [org] = (await read(`${EM}/connectedOrganizations`)).value!;
    expect(org).toMatchObject({ state: "configured", identitySources: [expect.objectContaining({ tenantId: h.mssp.id })] });
    const [catalog] = byName((await read(`${EM}/catalogs`)).value, "MSSP Accesses");
    expect(catalog).toMatchObject({ state: "published", isExternallyVisible: true });
    const packages = (await read(`${EM}/catalogs/${String(catalog!.id)}/accessPackages`)).value!;
    expect(packages.map((p) => p.displayName).sort()).toEqual(["MSSP Analyst Approvers", "Tier 1 Analyst", "Tier 2 Analyst"]);
    for (const [pkgName, group] of [["Tier 1 Analyst", "Tier 1 Analyst"], ["Tier 2 Analyst", "Tier 2 Analyst"], ["MSSP Analyst Approvers", "MSSP Analyst Approvers"]] as const) {
      const pkg = byName(packages, pkgName)[0]!;
      const detail = await read(`${EM}/accessPackages/${String(pkg.id)}?$expand=${encodeURIComponent("resourceRoleScopes($expand=role,scope),assignmentPolicies")}`);
      const scopes = detail.resourceRoleScopes as Loose[];
      expect(scopes).toHaveLength(1);
      expect(scopes[0]!.role).toMatchObject({ displayName: "Member", originId: `Member_${groupId(group)}` });
      const policies = detail.assignmentPolicies as Loose[];
      expect(policies).toHaveLength(1);
      const policy = policies[0]!;
      expect(policy).toMatchObject({
        allowedTargetScope: "specificConnectedOrganizationUsers",
        specificAllowedTargets: [expect.objectContaining({ connectedOrganizationId: org!.id })],
        expiration: expect.objectContaining({ type: "afterDuration", duration: "P365D" }),
        requestorSettings: expect.objectContaining({ enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true }),
        requestApprovalSettings: expect.objectContaining({ isApprovalRequiredForAdd: true, isRequestorJustificationRequired: true }),
        reviewSettings: expect.objectContaining({ isEnabled: true }),
      });
      const approvers = ((policy.requestApprovalSettings as Loose).stages as Loose[])[0]!.primaryApprovers as Loose[];
      expect(approvers).toEqual([pkgName === "MSSP Analyst Approvers"
        ? expect.objectContaining({ "@odata.type": "#microsoft.graph.singleUser", userId: tenant.adminId })
        : expect.objectContaining({ "@odata.type": "#microsoft.graph.groupMembers", groupId: groupId("MSSP Analyst Approvers") })]);
      expect(((((policy.reviewSettings as Loose).schedule as Loose).recurrence as Loose).pattern as Loose)).toMatchObject({ type: "absoluteMonthly", interval: 12 });
    }
    const roles = (await read("/beta/roleManagement/defender/roleDefinitions")).value!;
    const actionsOf = (name: string) => ((byName(roles, name)[0]!.rolePermissions as Loose[])[0]!.allowedResourceActions as string[]);
    const tier1 = actionsOf("MSSP Tier 1 Analyst");
    const tier2 = actionsOf("MSSP Tier 2 Analyst");
    expect(tier1.some((a) => a.includes("liveresponse") || a.includes("configuration/"))).toBe(false);
    expect(tier1).toContain("microsoft.xdr/secops/securitydata/alerts/manage");
    expect(tier2.filter((a) => !tier1.includes(a)).sort()).toEqual(["microsoft.xdr/secops/securitydata/liveresponse-advanced/manage", "microsoft.xdr/secops/securitydata/liveresponse-basic/manage"]);
    const assignments = (await read("/beta/roleManagement/defender/roleAssignments")).value!;
    for (const [role, group] of [["MSSP Tier 1 Analyst", "Tier 1 Analyst"], ["MSSP Tier 2 Analyst", "Tier 2 Analyst"]] as const) {
      const roleId = byName(roles, role)[0]!.id;
      expect(assignments.filter((a) => a.roleDefinitionId === roleId)).toEqual([expect.objectContaining({ principalIds: [groupId(group)], appScopeIds: ["/"] })]);
    }

    // Again: nothing to write, and the observation fits in a few round trips.
    const again = await run(customerId);
    expect(again.status).toBe("succeeded");
    expect(again.writes).toBe(0);
    expect(again.row.graphWrites).toBe(0);
    expect(again.row.steps.every((s) => s.action === "none")).toBe(true);
    expect(again.exchanges.length).toBeLessThanOrEqual(3);
  });

  it("previewPlan observes and plans without writing", async () => {
    const { customerId } = await consentedCustomer();
    const exchanges: GraphExchange[] = [];
    const preview = await engine.previewPlan({ workspaceId, customerId }, { graphAccess: h.graphAccess, onExchange: (e) => exchanges.push(e) });
    expect(preview.blocked).toBeUndefined();
    expect(preview.steps).toHaveLength(21);
    expect(preview.steps.every((s) => s.action === "create" && s.reason.length > 0)).toBe(true);
    expect(exchanges.reduce((n, e) => n + e.writes, 0)).toBe(0);
    expect(await db.provisioningRun.count({ where: { customerId } })).toBe(0);
  });

  it("adopts objects an admin made by hand with the exact names, instead of making second ones", async () => {
    const { tenant, customerId } = await consentedCustomer();
    const group = await h.write<{ id: string }>(tenant.id, "POST", "/v1.0/groups", { displayName: "Tier 1 Analyst", description: "made by hand", mailEnabled: false, mailNickname: "handmade-tier1", securityEnabled: true });
    const catalog = await h.write<{ id: string }>(tenant.id, "POST", `${EM}/catalogs`, { displayName: "MSSP Accesses", description: "made by hand", state: "published", isExternallyVisible: false });
    expect([group.status, catalog.status]).toEqual([201, 201]);
    const result = await run(customerId);
    expect(result.status).toBe("succeeded");
    const steps = new Map(result.row.steps.map((s) => [s.key, s]));
    expect(steps.get("group:tier1")).toMatchObject({ action: "adopt", status: "succeeded" });
    expect(steps.get("catalog")).toMatchObject({ action: "adopt", change: { isExternallyVisible: { before: false, after: true } } });
    const records = await db.tenantObject.findMany({ where: { customerId, key: { in: ["group:tier1", "catalog"] } }, orderBy: { key: "asc" } });
    expect(records.map((r) => [r.key, r.graphId, r.adopted])).toEqual([["catalog", catalog.body.id, true], ["group:tier1", group.body.id, true]]);
    const read = <T = Loose>(path: string) => h.read<T>(tenant.id, path);
    expect(byName((await read("/v1.0/groups?$select=id,displayName")).value, "Tier 1 Analyst")).toHaveLength(1);
    expect(byName((await read(`${EM}/catalogs`)).value, "MSSP Accesses")).toEqual([expect.objectContaining({ id: catalog.body.id, isExternallyVisible: true })]);
  });

  it("repairs one object deleted behind its back with one write", async () => {
    const { tenant, customerId } = await consentedCustomer();
    expect((await run(customerId)).status).toBe("succeeded");
    expect((await run(customerId)).writes).toBe(0);
    const policy = await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId, key: "policy:tier1" } } });
    expect((await h.write(tenant.id, "DELETE", `${EM}/assignmentPolicies/${policy.graphId}`)).status).toBe(204);
    const repair = await run(customerId);
    expect(repair.status).toBe("succeeded");
    expect(repair.writes).toBe(1);
    const step = repair.row.steps.find((s) => s.key === "policy:tier1")!;
    expect(step).toMatchObject({ action: "create", status: "succeeded" });
    expect(step.reason).toMatch(/no longer exists/);
    expect(repair.row.steps.filter((s) => s.action !== "none")).toHaveLength(1);
  });

  it("puts drifted settings back: a policy replaced by PUT, a Defender role patched", async () => {
    const { tenant, customerId } = await consentedCustomer();
    expect((await run(customerId)).status).toBe("succeeded");
    const records = new Map((await db.tenantObject.findMany({ where: { customerId } })).map((o) => [o.key, o.graphId]));
    const policyId = records.get("policy:tier1")!;
    const policy = await h.read<Loose>(tenant.id, `${EM}/assignmentPolicies/${policyId}`);
    const { id: _id, createdDateTime: _c, modifiedDateTime: _m, ...settings } = policy;
    expect((await h.write(tenant.id, "PUT", `${EM}/assignmentPolicies/${policyId}`, { ...settings, expiration: { type: "afterDuration", duration: "P30D" }, accessPackage: { id: records.get("accessPackage:tier1") } })).status).toBe(200);
    const roleId = records.get("defenderRole:tier1")!;
    expect((await h.write(tenant.id, "PATCH", `/beta/roleManagement/defender/roleDefinitions/${roleId}`, { rolePermissions: [{ allowedResourceActions: ["microsoft.xdr/secops/securitydata/liveresponse-advanced/manage"] }] })).status).toBe(204);

    const repair = await run(customerId);
    expect(repair.status).toBe("succeeded");
    expect(repair.writes).toBe(2);
    const changed = repair.row.steps.filter((s) => s.action !== "none");
    expect(changed.map((s) => [s.key, s.action])).toEqual([["policy:tier1", "update"], ["defenderRole:tier1", "update"]]);
    expect(changed[0]!.change).toEqual({ expiration: { before: "P30D", after: "P365D" } });
    const after = await h.read<Loose>(tenant.id, `${EM}/assignmentPolicies/${policyId}`);
    expect(after.expiration).toMatchObject({ type: "afterDuration", duration: "P365D" });
    const role = await h.read<Loose>(tenant.id, `/beta/roleManagement/defender/roleDefinitions/${roleId}`);
    const actions = ((role.rolePermissions as Loose[])[0]!.allowedResourceActions as string[]);
    expect(actions.some((a) => a.includes("liveresponse"))).toBe(false);
    expect((await run(customerId)).writes).toBe(0);
  });

  it("two applies of one customer never overlap (advisory lock)", async () => {
    const { customerId } = await consentedCustomer();
    const events: string[] = [];
    const hold = (name: string) => engine.withCustomerLock(customerId, async () => {
      events.push(`${name}:in`);
      await new Promise((r) => setTimeout(r, 150));
      events.push(`${name}:out`);
    }, { pollMs: 20 });
    await Promise.all([hold("a"), hold("b")]);
    expect([events.slice(0, 2), events.slice(2)].map((pair) => pair[0]!.split(":")[0] === pair[1]!.split(":")[0])).toEqual([true, true]);
  });

  it("refuses a workspace whose domain resolves to another tenant, writing nothing", async () => {
    const tenant = h.tenants[next++]!;
    const other = await db.workspace.create({ data: { name: "Misconfigured", tenantId: crypto.randomUUID(), primaryDomain: h.mssp.domain }, select: { id: true } });
    const customer = await db.customer.create({ data: { workspaceId: other.id, displayName: tenant.domain, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented" }, select: { id: true } });
    const exchanges: GraphExchange[] = [];
    const runId = await engine.createRun({ workspaceId: other.id, customerId: customer.id, trigger: "manual" });
    expect(await engine.executeRun(runId, { deps: { graphAccess: h.graphAccess, onExchange: (e) => exchanges.push(e) } })).toBe("failed");
    const row = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId } });
    expect(row).toMatchObject({ errorCode: "msspTenantMismatch" });
    expect(row.errorMessage).toMatch(/belongs to tenant .*, not to this workspace's tenant/);
    expect(exchanges.reduce((n, e) => n + e.writes, 0)).toBe(0);
  });

  it("executeRun is idempotent for one run", async () => {
    const { customerId } = await consentedCustomer();
    const first = await run(customerId);
    const status = await engine.executeRun(first.runId, { deps: { graphAccess: h.graphAccess } });
    expect(status).toBe("succeeded");
    expect(await db.tenantObject.count({ where: { customerId } })).toBe(21);
  });

  it("two approval stages reach Graph in order, each deciding as the blueprint says, and a re-run finds no drift", async () => {
    const { DEFAULT_BLUEPRINT, STAGE_DEFAULTS } = await import("./blueprint");
    const twoStages = structuredClone(DEFAULT_BLUEPRINT);
    twoStages.accessPackages[0]!.policy.stages = [{ type: "group", group: "approvers", decisionDays: 5, approverJustificationRequired: true }, { type: "consentAdmin", ...STAGE_DEFAULTS }];
    await db.blueprint.create({ data: { workspaceId, version: 1, definition: JSON.parse(JSON.stringify(twoStages)) as object }, select: { id: true } });
    try {
      const { tenant, customerId } = await consentedCustomer();
      expect((await run(customerId)).status).toBe("succeeded");
      const policyId = (await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId, key: "policy:tier1" } }, select: { graphId: true } })).graphId;
      const approverGroup = (await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId, key: "group:approvers" } }, select: { graphId: true } })).graphId;
      const policy = await h.read<Loose>(tenant.id, `${EM}/assignmentPolicies/${policyId}`);
      const stages = (policy.requestApprovalSettings as Loose).stages as Loose[];
      expect(stages.map((s) => s.primaryApprovers)).toEqual([
        [expect.objectContaining({ "@odata.type": "#microsoft.graph.groupMembers", groupId: approverGroup })],
        [expect.objectContaining({ "@odata.type": "#microsoft.graph.singleUser", userId: tenant.adminId })],
      ]);
      expect(stages.map((s) => [s.durationBeforeAutomaticDenial, s.isApproverJustificationRequired])).toEqual([["P5D", true], ["P14D", false]]);
      const again = await run(customerId);
      expect(again.writes).toBe(0);
    } finally {
      await db.blueprint.deleteMany({ where: { workspaceId } });
    }
  });

  it("a tenant without Entra ID P2 or ID Governance is blocked: licence, with nothing written", async () => {
    const { tenant, customerId } = await consentedCustomer();
    await h.control("PATCH", `/tenants/${tenant.id}`, { licenses: ["ENTERPRISEPACK"] });
    const result = await run(customerId);
    expect(result.status).toBe("blocked");
    expect(result.writes).toBe(0);
    expect(result.row).toMatchObject({ errorCode: "licence" });
    expect(result.row.errorMessage).toMatch(/Entra ID P2 or Entra ID Governance/);
    expect(await db.tenantObject.count({ where: { customerId } })).toBe(0);
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { status: true, attentionReason: true } });
    expect(customer.status).toBe("needs_attention");
    expect(customer.attentionReason).toMatch(/licence/);
  });

  it("Defender Unified RBAC not active: manual steps with the checklist, needs_attention, checked again next time", async () => {
    const { tenant, customerId } = await consentedCustomer();
    await h.control("PATCH", `/tenants/${tenant.id}`, { defenderUnifiedRbac: false });
    const result = await run(customerId);
    expect(result.status).toBe("needs_attention");
    const manual = result.row.steps.filter((s) => s.status === "needs_manual_action");
    expect(manual.map((s) => s.key).sort()).toEqual(["defenderAssignment:tier1", "defenderAssignment:tier2", "defenderRole:tier1", "defenderRole:tier2"]);
    expect(JSON.stringify(manual[0]!.manual)).toContain(`https://security.microsoft.com/mtp_roles?tid=${tenant.id}`);
    expect(result.row.steps.filter((s) => s.status === "succeeded")).toHaveLength(17);
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { status: true, attentionReason: true } });
    expect(customer).toMatchObject({ status: "needs_attention" });
    expect(customer.attentionReason).toMatch(/Unified RBAC/);

    await h.control("PATCH", `/tenants/${tenant.id}`, { defenderUnifiedRbac: true });
    const after = await run(customerId);
    expect(after.status).toBe("succeeded");
    expect(after.row.steps.filter((s) => s.action === "create").map((s) => s.key).sort()).toEqual(["defenderAssignment:tier1", "defenderAssignment:tier2", "defenderRole:tier1", "defenderRole:tier2"]);
    expect(await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { status: true } })).toEqual({ status: "active" });
  });

  it("consent revoked mid-apply stops the run: needs_attention, consent withdrawn", async () => {
    const { tenant, customerId } = await consentedCustomer();
    let revoked = false;
    // The customer's admin removes the app right after Gatehouse's first write.
    const revokingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!revoked && init?.method === "POST" && !String(input).endsWith("/$batch")) {
        revoked = true;
        await h.control("POST", `/tenants/${tenant.id}/revoke-consent`, { revokeIssuedTokens: true });
      }
      return response;
    };
    const result = await run(customerId, { fetch: revokingFetch });
    expect(revoked).toBe(true);
    expect(result.status).toBe("needs_attention");
    expect(result.row.errorCode).toBe("consent_withdrawn");
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { status: true, attentionReason: true } });
    expect(customer.status).toBe("needs_attention");
    expect(customer.attentionReason).toBe(engine.CONSENT_WITHDRAWN);
    expect(result.row.steps.some((s) => s.status === "skipped" || s.errorCode === "consentWithdrawn")).toBe(true);
  });
});
