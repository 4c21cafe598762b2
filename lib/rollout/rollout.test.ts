// A blueprint change rolled out to 20 emulator tenants by real worker processes (lib/jobs/main.ts):
// one tenant fails and the summary lists it while the other 19 change; a paused rollout starts no
// one new and resumes where it stopped; a worker killed mid-rollout is replaced and the rollout
// finishes; in every case each customer is run exactly once. Two starts at once make one rollout,
// and another workspace's rollout id is "not found".
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type * as DbModule from "@/lib/db";
import type * as Commands from "./commands";
import type * as Views from "@/lib/data/rollouts";
import { startEngineHarness, type EngineHarness } from "@/lib/provisioning/testing/harness";
import { useOwnDatabase, workerProcesses } from "@/lib/testing/worker-processes";

type Loose = Record<string, unknown> & { value?: Loose[] };
const EM = "/v1.0/identityGovernance/entitlementManagement";
const TENANTS = 20;
const FAILING = 7;

let h: EngineHarness;
let database: { drop(): Promise<void> };
let db: typeof DbModule.db;
let commands: typeof Commands;
let views: typeof Views;
let admin: CurrentUser;
let outsider: CurrentUser;
const customers: { id: string; tenantId: string }[] = [];
const workers = workerProcesses({ entry: "lib/jobs/main.ts", leaseSeconds: 8, readyTimeoutMs: 60_000, waitTimeoutMs: 90_000, env: { WORKER_DRAIN_SECONDS: "3", SYNC_INTERVAL_MINUTES: "1440" } });
const { until } = workers;
const actor = () => ({ workspaceId: admin.workspace.id, actor: `user:${admin.objectId}`, startedById: admin.id });

beforeAll(async () => {
  database = await useOwnDatabase("rollout");
  h = await startEngineHarness(TENANTS);
  // The workers (and lib/env here, imported below) reach the emulator as the configured Entra app.
  Object.assign(process.env, { ENTRA_AUTHORITY_HOST: h.graphAccess.authorityHost, GRAPH_BASE_URL: h.graphAccess.graphBaseUrl, ENTRA_CLIENT_ID: h.graphAccess.clientId, ENTRA_CLIENT_SECRET: h.graphAccess.clientSecret });
  db = (await import("@/lib/db")).db;
  commands = await import("./commands");
  views = await import("@/lib/data/rollouts");
  const fixtures = await import("@/lib/testing/fixtures");
  const engine = await import("@/lib/provisioning");
  admin = await fixtures.createWorkspaceUser("admin", h.mssp.displayName);
  outsider = await fixtures.createWorkspaceUser("admin", "Another MSSP");
  await db.workspace.update({ where: { id: admin.workspace.id }, data: { tenantId: h.mssp.id, primaryDomain: h.mssp.domain } });
  admin.workspace = { ...admin.workspace, tenantId: h.mssp.id, primaryDomain: h.mssp.domain };
  for (const [i, tenant] of h.tenants.entries()) {
    const { id } = await db.customer.create({
      data: { workspaceId: admin.workspace.id, displayName: `Customer ${String(i).padStart(2, "0")}`, primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId, consentGrantedByName: "Customer Admin" },
      select: { id: true },
    });
    customers.push({ id, tenantId: tenant.id });
  }
  const deps = { replicationWindowMs: 0 };
  for (let i = 0; i < customers.length; i += 5) {
    await Promise.all(customers.slice(i, i + 5).map(async (c) => expect(await engine.executeRun(await engine.createRun({ workspaceId: admin.workspace.id, customerId: c.id, trigger: "manual" }), { deps })).toBe("succeeded")));
  }
  // Keep the workers' own schedules (drift checks, syncs) off these tenants: only the rollout works here.
  const later = new Date(Date.now() + 86_400_000);
  await db.customerSync.createMany({ data: customers.map((c) => ({ customerId: c.id, workspaceId: admin.workspace.id, nextSyncAt: later })) });
  await db.driftCheck.createMany({ data: customers.map((c) => ({ customerId: c.id, workspaceId: admin.workspace.id, blueprintVersion: 0, status: "clean", trigger: "schedule" })) });
}, 300_000);

afterAll(async () => {
  await workers.stopAll();
  await h?.close();
  await (await import("@/lib/jobs/queue")).stopProducer();
  await db?.$disconnect();
  await database?.drop();
});

async function newBlueprintVersion(expirationDays: number): Promise<number> {
  const { getBlueprint } = await import("@/lib/provisioning");
  const { saveBlueprintVersion } = await import("@/lib/provisioning/blueprint-versions");
  const definition = (await getBlueprint(admin.workspace.id)).definition;
  const changed = { ...definition, accessPackages: definition.accessPackages.map((p) => (p.key === "tier1" ? { ...p, policy: { ...p.policy, expirationDays } } : p)) };
  return (await saveBlueprintVersion({ workspaceId: admin.workspace.id, definition: changed, actor: "user:tester" })).blueprint.version;
}

async function expirationOf(customer: { id: string; tenantId: string }): Promise<unknown> {
  const { graphId } = await db.tenantObject.findUniqueOrThrow({ where: { customerId_key: { customerId: customer.id, key: "policy:tier1" } }, select: { graphId: true } });
  return ((await h.read<Loose>(customer.tenantId, `${EM}/assignmentPolicies/${graphId}`)).expiration as Loose).duration;
}

const view = (rolloutId: string) => views.getRolloutView(admin, rolloutId);
const finished = (v: Views.RolloutView) => v.counts.succeeded + v.counts.unchanged + v.counts.failed + v.counts.skipped;

/** Every customer of the rollout was run exactly once: one run each, triggered by the rollout, none twice. */
async function expectEachRunOnce(rolloutId: string): Promise<void> {
  const rows = await db.rolloutCustomer.findMany({ where: { rolloutId }, select: { customerId: true, runId: true, status: true } });
  expect(rows).toHaveLength(TENANTS);
  const created = await db.rollout.findUniqueOrThrow({ where: { id: rolloutId }, select: { createdAt: true } });
  const runs = await db.provisioningRun.findMany({ where: { workspaceId: admin.workspace.id, createdAt: { gte: created.createdAt } }, select: { id: true, customerId: true, trigger: true } });
  expect(runs.every((r) => r.trigger === "rollout")).toBe(true);
  expect(runs.map((r) => r.customerId).sort()).toEqual(customers.map((c) => c.id).sort());
  expect(rows.map((r) => r.runId).sort()).toEqual(runs.map((r) => r.id).sort());
}

/** The most customers running at the same moment, from their recorded start and end. */
function peakOverlap(rows: { startedAt: Date | null; finishedAt: Date | null }[]): number {
  const events = rows.flatMap((r) => [[r.startedAt!.getTime(), 1], [r.finishedAt!.getTime(), -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, delta] of events) peak = Math.max(peak, (now += delta));
  return peak;
}

describe("blueprint rollout", () => {
  it("two starts at once make one rollout; another workspace's id is not found; cancel skips the rest", async () => {
    const results = await Promise.allSettled([commands.startRollout({ ...actor(), concurrency: 4 }), commands.startRollout({ ...actor(), concurrency: 4 })]);
    const started = results.filter((r) => r.status === "fulfilled");
    expect(started).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409, message: expect.stringMatching(/already under way/) } });
    expect(await db.rollout.count({ where: { workspaceId: admin.workspace.id } })).toBe(1);
    const { rolloutId } = (started[0] as PromiseFulfilledResult<{ rolloutId: string }>).value;

    await expect(views.getRolloutView(outsider, rolloutId)).rejects.toMatchObject({ status: 404 });
    await expect(commands.pauseRollout({ workspaceId: outsider.workspace.id, actor: "user:x", rolloutId })).rejects.toMatchObject({ status: 404 });
    await expect(commands.cancelRollout({ workspaceId: outsider.workspace.id, actor: "user:x", rolloutId })).rejects.toMatchObject({ status: 404 });
    expect((await view(rolloutId)).status).toBe("queued");

    await commands.cancelRollout({ ...actor(), rolloutId });
    const cancelled = await view(rolloutId);
    expect(cancelled).toMatchObject({ status: "cancelled", counts: { pending: 0 } });
    expect(cancelled.skipped).toHaveLength(TENANTS);
    await expect(commands.resumeRollout({ ...actor(), rolloutId })).rejects.toMatchObject({ status: 409 });
  });

  let worker: ChildProcess;

  it("rolls a change out to 20 tenants with one failing, and the summary lists it", async () => {
    worker = workers.start({ concurrency: 4 });
    await workers.ready(worker);
    await newBlueprintVersion(180);
    const { previewRolloutPage } = await import("./preview");
    const preview = await previewRolloutPage({ workspaceId: admin.workspace.id, page: 1, pageSize: TENANTS });
    expect(preview).toMatchObject({ total: TENANTS, pages: 1 });
    for (const p of preview.customers) expect(p.changes).toEqual([expect.objectContaining({ key: "policy:tier1", action: "update", fields: ["expiration"] })]);

    await h.control("POST", `/tenants/${customers[FAILING]!.tenantId}/revoke-consent`, { revokeIssuedTokens: true });
    const { rolloutId, total } = await commands.startRollout({ ...actor(), concurrency: 4 });
    expect(total).toBe(TENANTS);
    const done = await until("the rollout", () => view(rolloutId), (v) => v.status === "completed");
    expect(done.counts).toMatchObject({ total: TENANTS, succeeded: TENANTS - 1, unchanged: 0, failed: 1, skipped: 0, pending: 0, running: 0 });
    expect(done.failed).toEqual([expect.objectContaining({ customerId: customers[FAILING]!.id, displayName: "Customer 07", message: expect.stringMatching(/consent/i) })]);
    await expectEachRunOnce(rolloutId);

    const rows = await db.rolloutCustomer.findMany({ where: { rolloutId }, select: { startedAt: true, finishedAt: true } });
    const peak = peakOverlap(rows);
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
    for (const c of customers.filter((_, i) => i !== FAILING).slice(0, 4)) expect(await expirationOf(c)).toBe("P180D");
    const audit = await db.auditEvent.findMany({ where: { workspaceId: admin.workspace.id, target: `rollout:${rolloutId}` }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["blueprint.rollout_completed", "blueprint.rollout_started"]);
  }, 240_000);

  it("a paused rollout starts no one new, and resuming it runs the rest exactly once", async () => {
    await newBlueprintVersion(90);
    h.emulator.graph.faults.configure([{ latencyMs: 60 }]);
    const { rolloutId } = await commands.startRollout({ ...actor(), concurrency: 2 });
    await until("a few customers", () => view(rolloutId), (v) => finished(v) >= 3);
    await commands.pauseRollout({ ...actor(), rolloutId });
    const settled = await until("the running customers to finish", () => view(rolloutId), (v) => v.counts.running === 0, 60_000);
    expect(settled.status).toBe("paused");
    expect(settled.counts.pending).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const still = await view(rolloutId);
    expect(still.counts).toEqual(settled.counts);

    await commands.resumeRollout({ ...actor(), rolloutId });
    const done = await until("the resumed rollout", () => view(rolloutId), (v) => v.status === "completed");
    expect(done.counts).toMatchObject({ succeeded: TENANTS - 1, failed: 1, pending: 0 });
    await expectEachRunOnce(rolloutId);
    const audit = await db.auditEvent.findMany({ where: { target: `rollout:${rolloutId}` }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["blueprint.rollout_completed", "blueprint.rollout_paused", "blueprint.rollout_resumed", "blueprint.rollout_started"]);
    h.emulator.graph.faults.configure([]);
  }, 240_000);

  it("a worker killed mid-rollout is replaced and the rollout finishes, each customer run once", async () => {
    await newBlueprintVersion(60);
    h.emulator.graph.faults.configure([{ latencyMs: 100 }]);
    const { rolloutId } = await commands.startRollout({ ...actor(), concurrency: 4 });
    const before = await until("a few customers", () => view(rolloutId), (v) => finished(v) >= 3 && v.counts.running > 0);
    await workers.kill(worker);
    expect(before.counts.pending).toBeGreaterThan(0);
    worker = workers.start({ concurrency: 4 });
    await workers.ready(worker);
    const done = await until("the rollout after the kill", () => view(rolloutId), (v) => v.status === "completed", 180_000);
    // A run interrupted just after its write may find nothing left to change when it resumes.
    expect(done.counts).toMatchObject({ failed: 1, pending: 0, running: 0, skipped: 0 });
    expect(done.counts.succeeded + done.counts.unchanged).toBe(TENANTS - 1);
    await expectEachRunOnce(rolloutId);
    for (const c of customers.filter((_, i) => i !== FAILING)) expect(await expirationOf(c)).toBe("P60D");
    h.emulator.graph.faults.configure([]);
  }, 300_000);
});
