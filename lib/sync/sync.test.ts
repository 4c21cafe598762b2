// Tenant sync against a real database and the emulator: staff request packages through the
// control API, an approver approves some and denies others, the clock passes some expiries; the
// readers then return exactly the emulator's truth. Also: an interrupted sync keeps the previous
// data, a failing tenant does not block the others, a no-change sync writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as DbModule from "@/lib/db";
import type * as Access from "@/lib/data/access";
import type * as Run from "./run";
import { startEngineHarness, type EngineHarness, type TestTenant } from "@/lib/provisioning/testing/harness";

type Loose = Record<string, unknown>;
let h: EngineHarness;
let db: typeof DbModule.db;
let access: typeof Access;
let run: typeof Run;
let workspaceId: string;
const staff: Record<string, { id: string; email: string }> = {};
const customers: { tenant: TestTenant; customerId: string; packages: Record<string, string> }[] = [];
const EM = "/v1.0/identityGovernance/entitlementManagement";
const reader = () => ({ id: staff.admin!.id, role: "admin" as const, workspace: { id: workspaceId } });

const upn = (name: string) => `${name}@${h.mssp.domain}`;
async function request(c: (typeof customers)[number], pkg: string, who: string): Promise<string> {
  const r = await h.control<Loose>("POST", `/access-packages/${c.packages[pkg]}/requests`, { tenantId: c.tenant.id, userPrincipalName: upn(who), justification: `${who} needs ${pkg}` });
  return String(r.id);
}
const decide = (requestId: string, approver: string, decision: "Approve" | "Deny") => h.control("POST", `/approvals/${requestId}`, { approverUserPrincipalName: approver, decision, justification: "ok" });
const advance = (days: number) => h.control("POST", "/clock/advance", { days });
const clockNow = async () => new Date((await h.control<{ now: string }>("GET", "/clock")).now);
const sync = (c: (typeof customers)[number], extra: Partial<Run.SyncDeps> = {}) => run.syncCustomer({ workspaceId, customerId: c.customerId }, "manual", { graphAccess: h.graphAccess, now: () => new Date(), ...extra });

async function truth(tenantId: string): Promise<{ assignments: Loose[]; requests: Loose[] }> {
  const a = await h.read<{ value: Loose[] }>(tenantId, `${EM}/assignments?$expand=target,accessPackage`);
  const r = await h.read<{ value: Loose[] }>(tenantId, `${EM}/assignmentRequests?$expand=requestor,accessPackage`);
  return { assignments: a.value, requests: r.value };
}

beforeAll(async () => {
  h = await startEngineHarness(3, { msspStaff: true });
  db = (await import("@/lib/db")).db;
  access = await import("@/lib/data/access");
  run = await import("./run");
  const engine = await import("@/lib/provisioning");
  workspaceId = (await db.workspace.create({ data: { name: h.mssp.displayName, tenantId: h.mssp.id, primaryDomain: h.mssp.domain }, select: { id: true } })).id;
  // nora is staff at the MSSP but has no portal account: her assignment must show as unmatched.
  for (const [name, role] of [["admin", "admin"], ["approver", "approver"], ["alex", "analyst"], ["bailey", "analyst"], ["casey", "analyst"]] as const) {
    // Upper case on purpose: matching by home identity ignores case.
    const email = upn(name).toUpperCase();
    staff[name] = await db.portalUser.create({ data: { workspaceId, objectId: crypto.randomUUID(), tenantId: h.mssp.id, name, email, role }, select: { id: true, email: true } });
  }
  for (const tenant of h.tenants) {
    const customer = await db.customer.create({
      data: { workspaceId, displayName: `Customer ${tenant.domain}`, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId, consentGrantedByName: "Customer Admin" },
      select: { id: true },
    });
    customers.push({ tenant, customerId: customer.id, packages: {} });
  }
  for (const c of customers.slice(0, 2)) {
    const runId = await engine.createRun({ workspaceId, customerId: c.customerId, trigger: "manual" });
    expect(await engine.executeRun(runId, { deps: { graphAccess: h.graphAccess } })).toBe("succeeded");
    await db.customer.update({ where: { id: c.customerId }, data: { status: "active" } });
    for (const p of await db.tenantObject.findMany({ where: { customerId: c.customerId, kind: "accessPackage" }, select: { key: true, graphId: true } })) c.packages[p.key.replace("accessPackage:", "")] = p.graphId;
  }
  const [a, b] = customers;
  const admin = `admin@${a!.tenant.domain}`;
  // Day 0: the approver joins A's approvers; alex is approved, bailey denied.
  await decide(await request(a!, "approvers", "approver"), admin, "Approve");
  await decide(await request(a!, "tier1", "alex"), upn("approver"), "Approve");
  await decide(await request(a!, "tier1", "bailey"), upn("approver"), "Deny");
  // Day 200: nora (no portal account) gets tier 2.
  await advance(200);
  await decide(await request(a!, "tier2", "nora"), upn("approver"), "Approve");
  // Day 400: alex's and the approver's first assignments have expired; the approver asks again.
  await advance(200);
  await decide(await request(a!, "approvers", "approver"), admin, "Approve");
  await request(a!, "tier2", "casey");
  await request(b!, "tier1", "casey");
  // The third customer withdrew consent.
  await h.control("POST", `/tenants/${customers[2]!.tenant.id}/revoke-consent`, {});
}, 240_000);
afterAll(async () => {
  await h?.close();
});

describe("syncCustomer", () => {
  it("a failing tenant is marked with the reason and backs off while the others sync", async () => {
    const [ra, rb, rc] = await Promise.all(customers.map((c) => sync(c)));
    expect(ra!.status).toBe("succeeded");
    expect(rb!.status).toBe("succeeded");
    expect(rc!.status).toBe("failed");
    expect(rc!.failure!.code).toBe("consent_withdrawn");
    const state = await db.customerSync.findUniqueOrThrow({ where: { customerId: customers[2]!.customerId } });
    expect(state.failures).toBe(1);
    expect(state.failureReason).toMatch(/Consent withdrawn/);
    expect(state.lastSuccessAt).toBeNull();
    const runs = await db.syncRun.findMany({ where: { workspaceId }, select: { status: true, finishedAt: true, errorCode: true } });
    expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(2);
    expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
    const attention = await access.customersNeedingAttention(reader());
    expect(attention.find((x) => x.customerId === customers[2]!.customerId)!.reasons.map((r) => r.code)).toContain("sync_failing");
    const { dueCustomers } = await import("./schedule");
    const soon = (await dueCustomers(new Date(Date.now() + 3 * 60_000))).map((d) => d.customerId);
    expect(soon).toContain(customers[2]!.customerId);
    expect(soon).not.toContain(customers[0]!.customerId);
  });
  it("records a failure when handed a job's data, which carries more than the customer's scope", async () => {
    // The worker passes its job data ({ workspaceId, customerId, trigger }) straight through:
    // the failure must still be recorded, or "Sync now" never sees the attempt end.
    const jobData = { workspaceId, customerId: customers[2]!.customerId, trigger: "manual" as const };
    const before = (await db.customerSync.findUniqueOrThrow({ where: { customerId: jobData.customerId } })).failures;
    const result = await run.syncCustomer(jobData, jobData.trigger, { graphAccess: h.graphAccess, now: () => new Date() });
    expect(result.status).toBe("failed");
    expect((await db.customerSync.findUniqueOrThrow({ where: { customerId: jobData.customerId } })).failures).toBe(before + 1);
  });


  it("stores exactly the emulator's assignments and requests, matched to staff by home identity", async () => {
    for (const c of customers.slice(0, 2)) {
      const t = await truth(c.tenant.id);
      const rows = await db.syncedAssignment.findMany({ where: { customerId: c.customerId } });
      expect(rows).toHaveLength(t.assignments.length);
      for (const a of t.assignments) {
        const row = rows.find((r) => r.graphId === a.id)!;
        const target = a.target as Loose;
        const schedule = a.schedule as { startDateTime: string; expiration: { endDateTime: string } };
        expect(row.state).toBe(a.state);
        expect(row.accessPackageId).toBe(String((a.accessPackage as Loose).id).toLowerCase());
        expect(row.accessPackageName).toBe((a.accessPackage as Loose).displayName);
        expect(row.targetEmail).toBe(target.email);
        expect(row.startAt!.toISOString()).toBe(new Date(schedule.startDateTime).toISOString());
        expect(row.expiresAt!.toISOString()).toBe(new Date(schedule.expiration.endDateTime).toISOString());
        const who = String(target.email).split("@")[0]!;
        expect(row.portalUserId).toBe(staff[who]?.id ?? null);
      }
      const requests = await db.syncedRequest.findMany({ where: { customerId: c.customerId } });
      expect(requests).toHaveLength(t.requests.length);
      for (const r of t.requests) {
        const row = requests.find((x) => x.graphId === r.id)!;
        expect(row.state).toBe(r.state);
        expect(row.justification).toBe(r.justification);
        expect(row.requestedAt.toISOString()).toBe(new Date(String(r.createdDateTime)).toISOString());
      }
    }
    const a = customers[0]!;
    expect(await db.syncedAssignment.count({ where: { customerId: a.customerId, state: "expired" } })).toBe(2);
    // The approvers group's one member, named as the Approvers package's delivered assignment names them.
    const approvers = await db.syncedApprover.findMany({ where: { customerId: a.customerId }, select: { objectId: true, displayName: true, email: true, portalUserId: true } });
    const delivered = (await truth(a.tenant.id)).assignments.find((x) => x.state === "delivered" && String((x.accessPackage as Loose).id).toLowerCase() === a.packages.approvers!.toLowerCase())!;
    const target = delivered.target as Loose;
    expect(approvers).toEqual([{ objectId: String(target.objectId), displayName: target.displayName, email: target.email, portalUserId: staff.approver!.id }]);
    expect(target.displayName).toBeTruthy();
  });

  it("the readers return the emulator's truth", async () => {
    const now = await clockNow();
    const all = await Promise.all(customers.slice(0, 2).map(async (c) => ({ c, t: await truth(c.tenant.id) })));
    const delivered = all.flatMap(({ c, t }) => t.assignments.filter((a) => a.state === "delivered" && new Date(((a.schedule as Loose).expiration as Loose).endDateTime as string) > now).map((a) => ({ c, a })));
    const pending = all.flatMap(({ c, t }) => t.requests.filter((r) => r.state === "pendingApproval").map((r) => ({ c, r })));
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    expect(pending).toHaveLength(2);
    const counts = await access.dashboardCounts(reader(), now);
    expect(counts.pendingApprovals).toBe(pending.length);
    expect(counts.activeCustomers).toBe(2);
    const matched = new Set(delivered.map(({ a }) => String((a.target as Loose).email).split("@")[0]).filter((w) => staff[w!]));
    expect(counts.staffWithAccess).toBe(matched.size);

    const approvals = await access.pendingApprovals(reader(), { now });
    expect(approvals.rows.map((r) => [r.customerId, r.requestorEmail?.toLowerCase(), r.justification, r.requestedAt.toISOString(), r.approveUrl])).toEqual(
      pending.sort((x, y) => String(x.r.createdDateTime).localeCompare(String(y.r.createdDateTime)))
        .map(({ c, r }) => [c.customerId, String((r.requestor as Loose).email).toLowerCase(), r.justification, new Date(String(r.createdDateTime)).toISOString(), `https://myaccess.microsoft.com/@${c.tenant.domain}#/approvals`]),
    );

    // 100 days on (day 500), nora's tier 2 (granted on day 200 for 365 days) ends within 90 days; nothing else does.
    const later = new Date(now.getTime() + 100 * 86_400_000);
    const expiries = await access.upcomingExpiries(reader(), { withinDays: 90 }, later);
    const expected = delivered.filter(({ a }) => { const end = new Date(((a.schedule as Loose).expiration as Loose).endDateTime as string).getTime(); return end > later.getTime() && end <= later.getTime() + 90 * 86_400_000; });
    expect(expected).toHaveLength(1);
    expect(expiries.rows.map((r) => r.assignmentId).length).toBe(expected.length);
    expect(expiries.rows.map((r) => r.personEmail?.toLowerCase()).sort()).toEqual(expected.map(({ a }) => String((a.target as Loose).email).toLowerCase()).sort());
    const perWeek = await access.expiriesPerWeek(reader(), later);
    expect(perWeek).toHaveLength(13);
    expect(perWeek.reduce((n, d) => n + d.count, 0)).toBe(expected.length);

    const matrix = await access.accessMatrix(reader(), {}, now);
    expect(matrix.unmatched.map((u) => u.targetEmail)).toEqual([upn("nora")]);
    expect(matrix.cells.map((c) => [c.portalUserId, c.customerId, c.tiers.join()]).sort()).toEqual([[staff.approver!.id, customers[0]!.customerId, "approvers"]]);

    const lines: unknown[] = [];
    for await (const line of access.matrixCsv(reader(), {}, now)) lines.push(line);
    expect(lines).toHaveLength(delivered.length);

    const me = (name: string) => access.myAccess({ id: staff[name]!.id, role: "analyst", workspace: { id: workspaceId } }, now);
    const [alexA] = (await me("alex")).filter((e) => e.customerId === customers[0]!.customerId);
    expect(alexA!.status.kind).toBe("expired");
    expect(alexA!.packages.map((p) => p.key).sort()).toEqual(["approvers", "tier1", "tier2"]);
    expect((await me("casey")).filter((e) => e.status.kind === "pending").map((e) => e.customerId).sort()).toEqual([customers[0]!.customerId, customers[1]!.customerId].sort());
    expect((await me("bailey")).every((e) => e.status.kind === "none")).toBe(true);

    const history = await access.personAccess(reader(), staff.approver!.id, now);
    expect(history.current.map((x) => x.tier)).toEqual(["approvers"]);
    expect(history.history.filter((x) => x.kind === "assignment").map((x) => x.state).sort()).toEqual(["delivered", "expired"]);
  });

  it("a sync interrupted half-way leaves the previous data; a no-change sync writes nothing", async () => {
    const a = customers[0]!;
    const pendingCasey = (await truth(a.tenant.id)).requests.find((r) => r.state === "pendingApproval")!;
    await decide(String(pendingCasey.id), upn("approver"), "Approve");
    const before = await db.syncedAssignment.count({ where: { customerId: a.customerId } });
    const interrupted = await sync(a, { onTableWritten: (table) => { if (table === "assignments") throw new Error("worker died"); } });
    expect(interrupted.status).toBe("failed");
    expect(await db.syncedAssignment.count({ where: { customerId: a.customerId } })).toBe(before);
    expect((await db.syncedRequest.findFirstOrThrow({ where: { customerId: a.customerId, graphId: String(pendingCasey.id) } })).state).toBe("pendingApproval");

    const healed = await sync(a);
    expect(healed.status).toBe("succeeded");
    expect(await db.syncedAssignment.count({ where: { customerId: a.customerId } })).toBe(before + 1);
    expect((await db.customerSync.findUniqueOrThrow({ where: { customerId: a.customerId } })).failures).toBe(0);

    const quiet = await sync(a);
    expect(quiet.changed).toBe(0);
    expect(quiet.graphRequests).toBe(3);
  });

  it("isolates workspaces: another workspace's reader sees none of it", async () => {
    const other = await db.workspace.create({ data: { name: "Other", tenantId: crypto.randomUUID(), primaryDomain: "other.example" }, select: { id: true } });
    const outsider = { id: crypto.randomUUID(), role: "admin" as const, workspace: { id: other.id } };
    expect(await access.dashboardCounts(outsider)).toEqual({ activeCustomers: 0, staffWithAccess: 0, pendingApprovals: 0, expiringIn30Days: 0 });
    expect((await access.pendingApprovals(outsider)).rows).toEqual([]);
    expect((await access.accessMatrix(outsider)).cells).toEqual([]);
    await expect(access.personAccess(outsider, staff.alex!.id)).rejects.toThrow(/not found/);
  });
});
