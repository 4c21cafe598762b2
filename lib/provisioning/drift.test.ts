// Drift against the emulator: each case is made through Graph as a rogue tenant admin would,
// detected with the right severity, repaired (audited), and a re-observe finds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as DbModule from "@/lib/db";
import type * as Index from "./index";
import type * as Drift from "./drift";
import { startEngineHarness, type EngineHarness, type TestTenant } from "./testing/harness";

type Loose = Record<string, unknown> & { value?: Loose[] };

let h: EngineHarness;
let engine: typeof Index;
let drift: typeof Drift;
let db: typeof DbModule.db;
let workspaceId: string;
let next = 0;
const EM = "/v1.0/identityGovernance/entitlementManagement";
const DEFENDER = "/beta/roleManagement/defender";
const CASES = 20;

beforeAll(async () => {
  h = await startEngineHarness(CASES, { msspStaff: true });
  engine = await import("./index");
  drift = await import("./drift");
  db = (await import("@/lib/db")).db;
  workspaceId = (await db.workspace.create({ data: { name: h.mssp.displayName, tenantId: h.mssp.id, primaryDomain: h.mssp.domain }, select: { id: true } })).id;
});
afterAll(async () => {
  await h?.close();
});

const deps = () => ({ graphAccess: h.graphAccess, replicationWindowMs: 0 });

/** A customer provisioned exactly as the blueprint (and checked clean). */
async function provisioned(): Promise<{ tenant: TestTenant; customerId: string; id: (key: string) => Promise<string> }> {
  const tenant = h.tenants[next++]!;
  const { id: customerId } = await db.customer.create({
    data: { workspaceId, displayName: tenant.domain, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId, consentGrantedByName: "Customer Admin" },
    select: { id: true },
  });
  const runId = await engine.createRun({ workspaceId, customerId, trigger: "manual" });
  expect(await engine.executeRun(runId, { deps: deps() })).toBe("succeeded");
  const id = async (key: string) => (await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId, key } }, select: { graphId: true } })).graphId;
  return { tenant, customerId, id };
}

async function rogue(tenantId: string, method: string, path: string, body?: unknown): Promise<void> {
  const result = await h.write(tenantId, method, path, body);
  expect(result.status, `${method} ${path}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
}

/** An MSSP approver requests the Approvers package and the customer's administrator approves it. */
async function deliverApprover(tenant: TestTenant, id: (key: string) => Promise<string>, upn: string): Promise<{ assignmentId: string; userId: string }> {
  const request = await h.control<{ id: string; state: string }>("POST", `/access-packages/${await id("accessPackage:approvers")}/requests`, { tenantId: tenant.id, userPrincipalName: upn, justification: "approver on call" });
  const decided = await h.control<{ state: string; assignment: { id: string; target: { objectId: string } } }>("POST", `/approvals/${request.id}`, { approverUserPrincipalName: `admin@${tenant.domain}`, decision: "Approve" });
  expect(decided.state).toBe("delivered");
  return { assignmentId: decided.assignment.id, userId: decided.assignment.target.objectId };
}

const memberIds = async (tenantId: string, groupId: string) => ((await h.read<Loose>(tenantId, `/v1.0/groups/${groupId}/members?$select=id`)).value ?? []).map((m) => String(m.id));

/** Replaces a policy the way an admin does in the portal: read it, change it, PUT it whole. */
async function editPolicy(tenantId: string, policyId: string, packageId: string, change: (policy: Loose) => void): Promise<void> {
  const policy = await h.read<Loose>(tenantId, `${EM}/assignmentPolicies/${policyId}`);
  change(policy);
  delete policy["@odata.context"];
  await rogue(tenantId, "PUT", `${EM}/assignmentPolicies/${policyId}`, { ...policy, accessPackage: { id: packageId } });
}

type Case = [name: string, make: (t: { tenant: TestTenant; id: (key: string) => Promise<string> }) => Promise<void>, expected: { key: string; severity: "high" | "medium" | "low"; field?: string }];

const cases: Case[] = [
  ["allowed requestors widened to all external users", async ({ tenant, id }) => editPolicy(tenant.id, await id("policy:tier1"), await id("accessPackage:tier1"), (p) => {
    p.allowedTargetScope = "allExternalUsers";
    p.specificAllowedTargets = [];
  }), { key: "policy:tier1", severity: "high", field: "allowedTargetScope" }],
  ["approval removed", async ({ tenant, id }) => editPolicy(tenant.id, await id("policy:tier2"), await id("accessPackage:tier2"), (p) => {
    p.requestApprovalSettings = { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, isRequestorJustificationRequired: true, stages: [] };
  }), { key: "policy:tier2", severity: "high", field: "approvalRequired" }],
  ["expiry stretched from 365 to 730 days", async ({ tenant, id }) => editPolicy(tenant.id, await id("policy:tier1"), await id("accessPackage:tier1"), (p) => {
    p.expiration = { type: "afterDuration", duration: "P730D" };
  }), { key: "policy:tier1", severity: "high", field: "expiration" }],
  // Medium, not high: the same approvers still sign off; a request only waits less before Graph denies it.
  ["approvers' decision time cut from 14 to 3 days", async ({ tenant, id }) => editPolicy(tenant.id, await id("policy:tier1"), await id("accessPackage:tier1"), (p) => {
    ((p.requestApprovalSettings as Loose).stages as Loose[])[0]!.durationBeforeAutomaticDenial = "P3D";
  }), { key: "policy:tier1", severity: "medium", field: "approvalDecisionDays" }],
  ["approvers made to give a reason the blueprint does not ask for", async ({ tenant, id }) => editPolicy(tenant.id, await id("policy:tier2"), await id("accessPackage:tier2"), (p) => {
    ((p.requestApprovalSettings as Loose).stages as Loose[])[0]!.isApproverJustificationRequired = true;
  }), { key: "policy:tier2", severity: "medium", field: "approverJustificationRequired" }],
  ["an extra role scope in a package", async ({ tenant, id }) => {
    // The admin adds a group of their own to the catalog and puts its Member role into Tier 1.
    const catalogId = await id("catalog");
    const group = (await h.write<Loose>(tenant.id, "POST", "/v1.0/groups", { displayName: "Domain Admins Shadow", mailEnabled: false, mailNickname: "shadow", securityEnabled: true })).body;
    const groupId = String(group.id).toLowerCase();
    await rogue(tenant.id, "POST", `${EM}/resourceRequests`, { requestType: "adminAdd", resource: { originId: groupId, originSystem: "AadGroup" }, catalog: { id: catalogId } });
    const resources = (await h.read<Loose>(tenant.id, `${EM}/catalogs/${catalogId}/resources?$expand=roles,scopes`)).value!;
    const resource = resources.find((r) => String(r.originId).toLowerCase() === groupId)!;
    const role = (resource.roles as Loose[]).find((r) => r.displayName === "Member")!;
    const scope = (resource.scopes as Loose[])[0]!;
    await rogue(tenant.id, "POST", `${EM}/accessPackages/${await id("accessPackage:tier1")}/resourceRoleScopes`, {
      role: { id: role.id, displayName: "Member", originSystem: "AadGroup", originId: role.originId, resource: { id: resource.id, originId: groupId, originSystem: "AadGroup" } },
      scope: { id: scope.id, originId: groupId, originSystem: "AadGroup", isRootScope: true },
    });
  }, { key: "extraScope:", severity: "high" }],
  ["Defender role permissions widened", async ({ tenant, id }) => {
    const roleId = await id("defenderRole:tier1");
    const role = await h.read<Loose>(tenant.id, `${DEFENDER}/roleDefinitions/${roleId}`);
    const actions = ((role.rolePermissions as Loose[])[0]!.allowedResourceActions as string[]);
    const catalog = (await h.read<Loose>(tenant.id, `${DEFENDER}/resourceNamespaces?$expand=resourceActions`)).value!;
    const extra = catalog.flatMap((n) => (n.resourceActions as Loose[]).map((a) => String(a.name))).find((a) => !actions.includes(a))!;
    await rogue(tenant.id, "PATCH", `${DEFENDER}/roleDefinitions/${roleId}`, { rolePermissions: [{ allowedResourceActions: [...actions, extra] }] });
  }, { key: "defenderRole:tier1", severity: "high", field: "actions" }],
  ["a group deleted", async ({ tenant, id }) => rogue(tenant.id, "DELETE", `/v1.0/groups/${await id("group:tier2")}`), { key: "group:tier2", severity: "medium" }],
  ["a package deleted", async ({ tenant, id }) => rogue(tenant.id, "DELETE", `${EM}/accessPackages/${await id("accessPackage:tier2")}`), { key: "accessPackage:tier2", severity: "medium" }],
  ["the connected organization removed", async ({ tenant, id }) => rogue(tenant.id, "DELETE", `${EM}/connectedOrganizations/${await id("connectedOrganization")}`), { key: "connectedOrganization", severity: "medium" }],
  ["the approvers group emptied", async ({ tenant, id }) => {
    await deliverApprover(tenant, id, `approver@${h.mssp.domain}`);
    await deliverApprover(tenant, id, `nora@${h.mssp.domain}`);
    const groupId = await id("group:approvers");
    const members = await memberIds(tenant.id, groupId);
    expect(members).toHaveLength(2);
    for (const member of members) await rogue(tenant.id, "DELETE", `/v1.0/groups/${groupId}/members/${member}/$ref`);
  }, { key: "approversEmpty:approvers", severity: "medium", field: "members" }],
  ["someone added to the approvers group by hand", async ({ tenant, id }) => {
    const { userId } = await deliverApprover(tenant, id, `approver@${h.mssp.domain}`);
    const groupId = await id("group:approvers");
    // The customer's administrator makes themselves an approver without requesting the package.
    await rogue(tenant.id, "POST", `/v1.0/groups/${groupId}/members/$ref`, { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${tenant.adminId}` });
    expect((await memberIds(tenant.id, groupId)).sort()).toEqual([userId, tenant.adminId].sort());
  }, { key: "approversExtra:approvers", severity: "high", field: "members" }],
  ["a renamed display name", async ({ tenant, id }) => rogue(tenant.id, "PATCH", `/v1.0/groups/${await id("group:tier1")}`, { displayName: "Tier 1 (old)" }), { key: "group:tier1", severity: "low", field: "displayName" }],
];

describe("drift", () => {
  it.each(cases)("%s: detected with its severity, repaired, re-observed clean", async (_name, make, expected) => {
    const customer = await provisioned();
    const clean = await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps());
    expect(clean).toMatchObject({ status: "clean", items: [] });
    // A clean re-observe is one $batch wave: two requests (v1.0 + beta).
    expect(clean.requests).toBe(2);

    await make(customer);
    const report = await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps());
    expect(report.status).toBe("drift");
    const item = report.items.find((i) => i.key.startsWith(expected.key) && (expected.field === undefined || i.field === expected.field));
    expect(item, JSON.stringify(report.items, null, 1)).toBeDefined();
    expect(item!.severity).toBe(expected.severity);
    // The change is as bad as its worst item: what follows from it (a policy naming a deleted
    // group, the deleted group's role still in its package) never reads as more severe.
    expect(report.items[0]!.severity, JSON.stringify(report.items, null, 1)).toBe(expected.severity);
    // Items come worst first, so the page and CLI lead with what matters.
    expect(report.items[0]!.severity).toBe(report.items.reduce((worst, i) => (["high", "medium", "low"].indexOf(i.severity) < ["high", "medium", "low"].indexOf(worst) ? i.severity : worst), "low" as string));

    const repaired = await drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, deps());
    expect(repaired.runStatus).toBe("succeeded");
    expect(repaired.after, JSON.stringify(repaired.after.items, null, 1)).toMatchObject({ status: "clean", items: [] });
    const again = await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps());
    expect(again.status).toBe("clean");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "drift.repaired", target: `customer:${customer.customerId}` }, select: { actor: true, details: true } });
    expect(audit.actor).toBe("user:tester");
    expect(JSON.stringify(audit.details)).toContain(expected.key);
    // What Repair restored is what Graph holds now: every stage back at the blueprint's 14 days, no reason asked.
    if (expected.field === "approvalDecisionDays" || expected.field === "approverJustificationRequired") {
      const policy = await h.read<Loose>(customer.tenant.id, `${EM}/assignmentPolicies/${await customer.id(expected.key)}`);
      expect(((policy.requestApprovalSettings as Loose).stages as Loose[]).map((stage) => [stage.durationBeforeAutomaticDenial, stage.isApproverJustificationRequired])).toEqual([["P14D", false]]);
    }
  });

  it("Repair puts each delivered approver back in the group, read back and audited", async () => {
    const customer = await provisioned();
    const { userId } = await deliverApprover(customer.tenant, customer.id, `approver@${h.mssp.domain}`);
    const groupId = await customer.id("group:approvers");
    await rogue(customer.tenant.id, "DELETE", `/v1.0/groups/${groupId}/members/${userId}/$ref`);
    expect(await memberIds(customer.tenant.id, groupId)).toEqual([]);
    const repaired = await drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, deps());
    expect(repaired.reconciledApprovers).toEqual({ added: [`approvers:${userId}`], removed: [], unknown: [] });
    expect(await memberIds(customer.tenant.id, groupId)).toEqual([userId]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "drift.repaired", target: `customer:${customer.customerId}` }, orderBy: { at: "desc" }, select: { details: true } });
    expect(audit.details).toMatchObject({ reconciledApprovers: { added: [`approvers:${userId}`] } });
  });

  it("offboarding that starts while Repair is checking: Repair writes nothing to the tenant", async () => {
    const customer = await provisioned();
    const { userId } = await deliverApprover(customer.tenant, customer.id, `approver@${h.mssp.domain}`);
    const groupId = await customer.id("group:approvers");
    await rogue(customer.tenant.id, "DELETE", `/v1.0/groups/${groupId}/members/${userId}/$ref`);
    // The customer is taken into offboarding while Repair's first check reads the tenant.
    let flipped = false;
    const writes: string[] = [];
    const racing: typeof fetch = async (input, init) => {
      if (!flipped) {
        flipped = true;
        await db.customer.update({ where: { id: customer.customerId }, data: { status: "offboarding" } });
      }
      // A $batch carries reads and writes alike: the writes are its requests that are not GETs.
      const inner = String(input).endsWith("/$batch") ? (JSON.parse(String(init?.body)) as { requests: { method: string; url: string }[] }).requests : [{ method: init?.method ?? "GET", url: String(input) }];
      writes.push(...inner.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.url}`));
      return fetch(input, init);
    };
    await expect(drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, { ...deps(), fetch: racing })).rejects.toThrow(/offboarding/);
    expect(writes.filter((w) => !w.includes("/oauth2/") && !w.includes("/token"))).toEqual([]);
    expect(await memberIds(customer.tenant.id, groupId)).toEqual([]);
  });

  it("an emptied approvers group with no delivered assignment left says what a person must do; Repair leaves it", async () => {
    const customer = await provisioned();
    const { assignmentId } = await deliverApprover(customer.tenant, customer.id, `approver@${h.mssp.domain}`);
    // A rogue admin removes the assignment itself: Entra takes the member out of the group too.
    await rogue(customer.tenant.id, "POST", `${EM}/assignmentRequests`, { requestType: "adminRemove", assignment: { id: assignmentId } });
    expect(await memberIds(customer.tenant.id, await customer.id("group:approvers"))).toEqual([]);
    const report = await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps());
    expect(report.items).toMatchObject([{ key: "approversEmpty:approvers", severity: "medium", repairable: false, href: expect.stringContaining(`@${customer.tenant.domain}#/access-packages/`) as unknown }]);
    expect(report.items[0]!.message).toMatch(/requests "MSSP Analyst Approvers" again in the customer's My Access/);
    const repaired = await drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, deps());
    expect(repaired.reconciledApprovers).toEqual({ added: [], removed: [], unknown: [] });
    expect(repaired.after.items.map((i) => i.key)).toEqual(["approversEmpty:approvers"]);
    // What the item asks for: the approver requests again and the customer's administrator approves.
    await deliverApprover(customer.tenant, customer.id, `approver@${h.mssp.domain}`);
    expect((await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps())).status).toBe("clean");
  });

  it("a member added by hand while no approver assignment is in force is reported high and left for a person; Repair removes nobody", async () => {
    const customer = await provisioned();
    const groupId = await customer.id("group:approvers");
    await rogue(customer.tenant.id, "POST", `/v1.0/groups/${groupId}/members/$ref`, { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${customer.tenant.adminId}` });
    const report = await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps());
    expect(report.items).toMatchObject([{ key: "approversExtra:approvers", severity: "high", repairable: false, actual: [customer.tenant.adminId] }]);
    await expect(drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, deps())).resolves.toMatchObject({ reconciledApprovers: { added: [], removed: [], unknown: [] } });
    expect(await memberIds(customer.tenant.id, groupId)).toEqual([customer.tenant.adminId]);
    // What the item asks for: a person removes the member in Entra, and the tenant is clean again.
    await rogue(customer.tenant.id, "DELETE", `/v1.0/groups/${groupId}/members/${customer.tenant.adminId}/$ref`);
    expect((await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps())).status).toBe("clean");
  });

  it("a removal Graph keeps refusing fails the repair, and what it did change first is still audited", async () => {
    const customer = await provisioned();
    const { userId } = await deliverApprover(customer.tenant, customer.id, `approver@${h.mssp.domain}`);
    const groupId = await customer.id("group:approvers");
    // A group of the admin's own, nested into the approvers group, next to the admin themselves.
    const nested = (await h.write<Loose>(customer.tenant.id, "POST", "/v1.0/groups", { displayName: "Shadow Approvers", mailEnabled: false, mailNickname: "shadow-approvers", securityEnabled: true })).body;
    const other = String(nested.id).toLowerCase();
    for (const extra of [customer.tenant.adminId, other]) {
      await rogue(customer.tenant.id, "POST", `/v1.0/groups/${groupId}/members/$ref`, { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${extra}` });
    }
    // Graph refuses one removal every time; the other one runs.
    h.emulator.graph.faults.configure([{ method: "DELETE", pathPattern: `/v1.0/groups/${groupId}/members/${customer.tenant.adminId}/$ref`, rate503: 1, retryAfterSeconds: 0 }]);
    try {
      await expect(drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, deps())).rejects.toThrow(/remove/);
    } finally {
      h.emulator.graph.faults.configure([]);
    }
    expect((await memberIds(customer.tenant.id, groupId)).map((m) => m.toLowerCase()).sort()).toEqual([userId.toLowerCase(), customer.tenant.adminId.toLowerCase()].sort());
    // Someone was removed from a customer's group: the audit log says who, by whom, and that the repair failed.
    const audit = await db.auditEvent.findFirst({ where: { workspaceId, action: "drift.repair_failed", target: `customer:${customer.customerId}` }, select: { actor: true, details: true } });
    expect(audit).toMatchObject({ actor: "user:tester", details: { reconciledApprovers: { removed: [`approvers:${other}`] }, error: expect.stringMatching(/remove/) as unknown } });
    // Once Graph answers again, Repair finishes the job.
    const again = await drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, deps());
    expect(again.reconciledApprovers.removed).toEqual([`approvers:${customer.tenant.adminId.toLowerCase()}`]);
    expect(again.after.status).toBe("clean");
  });

  it("Repair fired 10 times at once recreates a deleted group once, and only one repair is recorded as repairing it", async () => {
    const customer = await provisioned();
    const name = (await h.read<Loose>(customer.tenant.id, `/v1.0/groups/${await customer.id("group:tier2")}`)).displayName;
    await rogue(customer.tenant.id, "DELETE", `/v1.0/groups/${await customer.id("group:tier2")}`);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => drift.repairDrift({ workspaceId, customerId: customer.customerId, actor: "user:tester" }, deps())));
    // One repairs; the others wait for it and then find nothing left to repair.
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual(Array(9).fill("GraphError: Nothing to repair: the tenant already matches the blueprint."));
    const groups = (await h.read<Loose>(customer.tenant.id, `/v1.0/groups?$filter=displayName eq '${String(name)}'&$select=id`)).value ?? [];
    expect(groups).toHaveLength(1);
    expect((await drift.checkDrift({ workspaceId, customerId: customer.customerId }, deps())).status).toBe("clean");
    const audits = await db.auditEvent.findMany({ where: { workspaceId, action: "drift.repaired", target: `customer:${customer.customerId}` }, select: { details: true } });
    const repairing = audits.filter((a) => JSON.stringify((a.details as { items?: unknown[] }).items ?? []).includes("group:tier2"));
    expect(repairing).toHaveLength(1);
    expect(audits).toHaveLength(1);
    expect(await db.provisioningRun.count({ where: { customerId: customer.customerId, trigger: "repair" } })).toBe(1);
  }, 120_000);

  it("checks the fleet with bounded concurrency; a customer without consent is reported, not fatal", async () => {
    const { id: stranger } = await db.customer.create({ data: { workspaceId, displayName: "pending.example", primaryDomain: "pending.example", status: "invited" }, select: { id: true } });
    const fleet = await drift.checkFleet({ workspaceId, customerIds: [...(await db.customer.findMany({ where: { workspaceId, status: "active" }, select: { id: true } })).map((c) => c.id), stranger], concurrency: 3 }, deps());
    expect(fleet.reports.at(-1)).toMatchObject({ customerId: stranger, status: "blocked" });
    expect(fleet.reports.slice(0, -1).every((r) => r.status === "clean")).toBe(true);
  });

  it("stores each check; with autoRepairHighDrift the schedule repairs high drift at once (audited as system)", async () => {
    const customer = await provisioned();
    const { dueDriftChecks } = await import("@/lib/jobs/drift-schedule");
    const { latestDriftCheck } = await import("@/lib/data/drift");
    expect((await dueDriftChecks(6)).map((d) => d.customerId)).toContain(customer.customerId);
    const definition = { ...(await engine.getBlueprint(workspaceId)).definition, autoRepairHighDrift: true };
    await db.blueprint.create({ data: { workspaceId, version: 1, definition: JSON.parse(JSON.stringify(definition)) as object } });
    await editPolicy(customer.tenant.id, await customer.id("policy:tier1"), await customer.id("accessPackage:tier1"), (p) => {
      p.expiration = { type: "afterDuration", duration: "P730D" };
    });
    const run = await drift.runDriftCheck({ workspaceId, customerId: customer.customerId, trigger: "schedule" }, deps());
    expect(run.report.counts.high).toBe(1);
    expect(run.repair?.after.status).toBe("clean");
    // the newest stored check is the one after the repair
    expect(await latestDriftCheck(workspaceId, customer.customerId)).toMatchObject({ status: "clean", trigger: "repair", high: 0 });
    expect((await dueDriftChecks(6)).map((d) => d.customerId)).not.toContain(customer.customerId);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "drift.auto_repaired", target: `customer:${customer.customerId}` }, select: { actor: true } });
    expect(audit.actor).toBe("system");
    const policy = await h.read<Loose>(customer.tenant.id, `${EM}/assignmentPolicies/${await customer.id("policy:tier1")}`);
    expect(policy.expiration).toMatchObject({ duration: "P365D" });
  });
});
