// Offboarding against a real database and the emulator: after it, Graph shows none of
// Gatehouse's objects, including with an active assignment and after a stop in the middle.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as DbModule from "@/lib/db";
import type * as Engine from "@/lib/provisioning";
import type * as Offboarding from "./index";
import { startEngineHarness, type EngineHarness, type TestTenant } from "../provisioning/testing/harness";

type Loose = Record<string, unknown> & { value?: Loose[] };
let h: EngineHarness;
let engine: typeof Engine;
let off: typeof Offboarding;
let db: typeof DbModule.db;
let workspaceId: string;
let next = 0;
const EM = "/v1.0/identityGovernance/entitlementManagement";
const ANALYST = () => `analyst@${h.mssp.domain}`;

beforeAll(async () => {
  h = await startEngineHarness(4);
  engine = await import("@/lib/provisioning");
  off = await import("./index");
  db = (await import("@/lib/db")).db;
  const workspace = await db.workspace.create({ data: { name: h.mssp.displayName, tenantId: h.mssp.id, primaryDomain: h.mssp.domain }, select: { id: true } });
  workspaceId = workspace.id;
  // An MSSP analyst who requests access in the customer tenant (a guest account once approved).
  const world = h.emulator.world as unknown as { findTenant(id: string): { users: Map<string, Record<string, unknown>> }; findUserByUpn(upn: string): { user: Record<string, unknown> } };
  const template = world.findUserByUpn("alex@northwinddefense.com").user;
  const id = randomUUID();
  world.findTenant(h.mssp.id).users.set(id, { ...template, id, tenantId: h.mssp.id, userPrincipalName: ANALYST(), displayName: "MSSP Analyst" });
});
afterAll(async () => {
  await h?.close();
});

async function provisioned(): Promise<{ tenant: TestTenant; customerId: string }> {
  const tenant = h.tenants[next++]!;
  const customer = await db.customer.create({
    data: { workspaceId, displayName: tenant.domain, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId, consentGrantedByName: "Customer Admin" },
    select: { id: true },
  });
  const runId = await engine.createRun({ workspaceId, customerId: customer.id, trigger: "manual" });
  expect(await engine.executeRun(runId, { deps: { graphAccess: h.graphAccess } })).toBe("succeeded");
  return { tenant, customerId: customer.id };
}

/** Every object of the tenant Gatehouse could have made, by name or kind. */
async function leftovers(tenantId: string): Promise<string[]> {
  const read = (path: string) => h.read<Loose>(tenantId, path);
  const names = (l: Loose) => (l.value ?? []).map((o) => String(o.displayName));
  const groups = names(await read("/v1.0/groups?$select=id,displayName")).filter((n) => /Analyst/.test(n));
  return [
    ...groups,
    ...names(await read(`${EM}/catalogs`)).filter((n) => n === "MSSP Accesses"),
    ...names(await read(`${EM}/accessPackages`)),
    ...names(await read(`${EM}/connectedOrganizations`)),
    ...((await read(`${EM}/assignmentPolicies`)).value ?? []).map((p) => `policy ${String(p.displayName)}`),
    ...names(await read("/beta/roleManagement/defender/roleDefinitions")).filter((n) => n.startsWith("MSSP")),
    ...((await read("/beta/roleManagement/defender/roleAssignments")).value ?? []).map((a) => `assignment ${String(a.displayName)}`),
  ];
}

async function deliverAssignment(tenant: TestTenant, customerId: string): Promise<string> {
  const pkg = await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId, key: "accessPackage:approvers" } }, select: { graphId: true } });
  const request = await h.control<{ id: string; state: string }>("POST", `/access-packages/${pkg.graphId}/requests`, { tenantId: tenant.id, userPrincipalName: ANALYST(), justification: "on call" });
  if (request.state !== "delivered") await h.control("POST", `/approvals/${request.id}`, { approverUserPrincipalName: `admin@${tenant.domain}`, decision: "Approve" });
  return pkg.graphId;
}

describe("offboardCustomer", () => {
  it("refuses without the typed domain, then removes everything, active assignment first", async () => {
    const { tenant, customerId } = await provisioned();
    const packageId = await deliverAssignment(tenant, customerId);
    // Graph refuses to delete a package that still has an assignment (the reason for the order).
    const refused = await h.write(tenant.id, "DELETE", `${EM}/accessPackages/${packageId}`);
    expect(refused.status).toBe(400);

    await expect(off.offboardCustomer({ workspaceId, customerId, confirm: "wrong.example", actor: "cli" }, { graphAccess: h.graphAccess })).rejects.toThrow(`Type the customer's domain, ${tenant.domain}`);
    expect(await db.tenantObject.count({ where: { customerId } })).toBe(21);

    const report = await off.offboardCustomer({ workspaceId, customerId, confirm: ` ${tenant.domain.toUpperCase()} `, actor: "cli" }, { graphAccess: h.graphAccess });
    expect(report.notRemoved).toEqual([]);
    expect(report.customer.status).toBe("offboarded");
    expect(report.removed).toHaveLength(22);
    expect(report.removed.find((r) => r.key === "assignments:approvers")).toMatchObject({ detail: "1 assignment ended" });
    // The analyst's guest account outlives the assignment: the report names it and says who deletes it.
    expect(report.guests.accounts).toEqual([{ objectId: expect.any(String) as unknown, name: ANALYST() }]);
    const accounts = (h.emulator.world as unknown as { findTenant(id: string): { users: Map<string, Record<string, unknown>> } }).findTenant(tenant.id).users.values();
    expect([...accounts].find((u) => String(u.id).toLowerCase() === report.guests.accounts[0]!.objectId)).toMatchObject({ userType: "Guest" });
    expect(report.guests.instructions.join(" ")).toMatch(/did not delete the guest account.*filter User type = Guest/);
    expect(off.reportText(report)).toContain(`Guest accounts left in the tenant (1)\n  - ${ANALYST()} (object ID ${report.guests.accounts[0]!.objectId})`);
    expect(report.alreadyGone.map((r) => r.key).sort()).toEqual(["assignments:tier1", "assignments:tier2"]);
    expect(report.enterpriseApp.instructions.join(" ")).toContain(h.graphAccess.clientId);
    expect(await db.tenantObject.count({ where: { customerId } })).toBe(0);
    expect(await leftovers(tenant.id)).toEqual([]);
    const assignments = await h.read<Loose>(tenant.id, `${EM}/assignments`);
    expect((assignments.value ?? []).filter((a) => a.state === "delivered")).toEqual([]);
    const requests = await h.read<Loose>(tenant.id, `${EM}/assignmentRequests`);
    expect((requests.value ?? []).some((r) => r.requestType === "adminRemove")).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { workspaceId, target: `customer:${customerId}` }, select: { action: true, actor: true } });
    expect(audit).toEqual(expect.arrayContaining([{ action: "customer.offboarding_started", actor: "cli" }, { action: "customer.offboarded", actor: "cli" }]));
    expect(off.reportText(report)).toContain("Removed (22)");

    // Idempotent: again is the same report, no Graph call.
    const again = await off.offboardCustomer({ workspaceId, customerId, confirm: tenant.domain, actor: "cli" }, { graphAccess: h.graphAccess, fetch: () => Promise.reject(new Error("no Graph call expected")) });
    expect(again.removed).toHaveLength(22);
  });

  it("a stop right after Graph ended the assignments, before the step was recorded: the resume still names the guest", async () => {
    const { tenant, customerId } = await provisioned();
    await deliverAssignment(tenant, customerId);
    const controller = new AbortController();
    // As a crash would: Graph has taken the adminRemove, Gatehouse has recorded nothing of it.
    const stopAfterRemove: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === "POST" && String(input).includes("/assignmentRequests")) controller.abort();
      return response;
    };
    const first = await off.offboardCustomer({ workspaceId, customerId, confirm: tenant.domain, actor: "cli" }, { graphAccess: h.graphAccess, signal: controller.signal, fetch: stopAfterRemove });
    expect(first.customer.status).toBe("offboarding");
    expect(first.pending.map((p) => p.key)).toContain("assignments:approvers");
    const delivered = ((await h.read<Loose>(tenant.id, `${EM}/assignments`)).value ?? []).filter((a) => a.state === "delivered");
    expect(delivered).toEqual([]);

    const report = await off.offboardCustomer({ workspaceId, customerId, confirm: tenant.domain, actor: "cli" }, { graphAccess: h.graphAccess });
    expect(report.customer.status).toBe("offboarded");
    expect(report.guests.accounts).toEqual([{ objectId: expect.any(String) as unknown, name: ANALYST() }]);
    expect(off.reportText(report)).toContain("Guest accounts left in the tenant (1)");
  });

  it("resumes after a stop in the middle and an object deleted meanwhile: nothing left, nothing done twice", async () => {
    const { tenant, customerId } = await provisioned();
    await deliverAssignment(tenant, customerId);
    const graphIds = new Map((await db.tenantObject.findMany({ where: { customerId }, select: { key: true, graphId: true } })).map((o) => [o.key, o.graphId]));
    const controller = new AbortController();
    let done = 0;
    const first = await off.offboardCustomer({ workspaceId, customerId, confirm: tenant.domain, actor: "cli" }, {
      graphAccess: h.graphAccess, signal: controller.signal,
      onStep: () => { if (++done === 6) controller.abort(); },
    });
    expect(first.customer.status).toBe("offboarding");
    expect(first.removed.length + first.alreadyGone.length).toBeGreaterThanOrEqual(6);
    expect(first.pending.length).toBeGreaterThan(0);
    // As a kill leaves it: the run still "running", a step caught mid-way.
    await db.provisioningRun.update({ where: { id: first.runId! }, data: { status: "running", finishedAt: null } });
    await db.provisioningStep.update({ where: { runId_key: { runId: first.runId!, key: first.pending[0]!.key } }, data: { status: "running" } });
    // Someone deletes a group by hand before the resume.
    const group = await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId, key: "group:tier2" } }, select: { graphId: true } });
    expect((await h.write(tenant.id, "DELETE", `/v1.0/groups/${group.graphId}`)).status).toBe(204);

    const deletes: string[] = [];
    const counting: typeof fetch = (input, init) => {
      if (init?.method === "DELETE") deletes.push(String(input));
      return fetch(input, init);
    };
    const report = await off.offboardCustomer({ workspaceId, customerId, confirm: tenant.domain, actor: "cli" }, { graphAccess: h.graphAccess, fetch: counting });
    expect(report.runId).toBe(first.runId);
    expect(report.notRemoved).toEqual([]);
    expect(report.pending).toEqual([]);
    expect(report.customer.status).toBe("offboarded");
    expect(report.removed.length + report.alreadyGone.length).toBe(24);
    expect(report.alreadyGone.map((r) => r.key)).toContain("group:tier2");
    // The resume touched only what the first pass had not removed.
    const firstPass = first.removed.filter((r) => graphIds.has(r.key));
    expect(firstPass.length).toBeGreaterThan(0);
    for (const r of firstPass) expect(deletes.some((d) => d.includes(graphIds.get(r.key)!))).toBe(false);
    expect(deletes.length).toBeLessThanOrEqual(24 - first.removed.length - first.alreadyGone.length);
    expect(await leftovers(tenant.id)).toEqual([]);
    expect(await db.tenantObject.count({ where: { customerId } })).toBe(0);
  });
});
