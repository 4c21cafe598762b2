// The job layer with real processes: `npm run worker`-equivalent children (same startWorker,
// lease, drain and signals) against the test database, driving an engine stand-in that keeps the
// engine's contract (lib/jobs/testing/fake-engine.ts).
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { db as Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { provisioningApplyJob, type JobDefinition } from "./definitions";
import { createBoss, ensureQueues } from "./queue";
import { workerProcesses } from "@/lib/testing/worker-processes";
import { ensureOverlapTable, FAKE_QUEUE, FAKE_STEPS, fakeEngine } from "./testing/fake-engine";

const LEASE_SECONDS = 6;
const workers = workerProcesses({ entry: "lib/jobs/testing/fake-worker.ts", leaseSeconds: LEASE_SECONDS, readyTimeoutMs: 30_000, waitTimeoutMs: 40_000 });
const { ready, until } = workers;
let db: typeof Db;
let boss: PgBoss;
let admin: CurrentUser;
let url: string;

const startWorkerProcess = (stepMs: number, concurrency = 2) => workers.start({ args: [String(stepMs)], concurrency });

async function customerWithRun(): Promise<{ customerId: string; runId: string }> {
  const customer = await db.customer.create({
    data: { workspaceId: admin.workspace.id, displayName: "c", primaryDomain: `c-${crypto.randomUUID().slice(0, 8)}.example`, status: "consented" },
    select: { id: true },
  });
  return { customerId: customer.id, runId: await addRun(customer.id) };
}

async function addRun(customerId: string): Promise<string> {
  const run = await db.provisioningRun.create({
    data: { workspaceId: admin.workspace.id, customerId, blueprintVersion: 0, trigger: "manual" },
    select: { id: true },
  });
  return run.id;
}

const send = (customerId: string) =>
  boss.send(FAKE_QUEUE, { workspaceId: admin.workspace.id, customerId }, { singletonKey: customerId });

const overlap = async (customerId: string) => {
  const rows = await db.$queryRaw<{ max_active: number; creates: number }[]>`SELECT max_active, creates FROM job_test_overlap WHERE customer_id = ${customerId}::uuid`;
  return rows[0] ?? { max_active: 0, creates: 0 };
};

beforeAll(async () => {
  url = process.env.DATABASE_URL!;
  db = (await import("@/lib/db")).db;
  admin = await (await import("@/lib/testing/fixtures")).createWorkspaceUser();
  await ensureOverlapTable(url);
  boss = createBoss({ connectionString: url, role: "producer", jobTimeoutSeconds: LEASE_SECONDS });
  await boss.start();
  await ensureQueues(boss, [{ ...provisioningApplyJob(fakeEngine(url, 0)), name: FAKE_QUEUE } as unknown as JobDefinition], LEASE_SECONDS);
});

// Each test owns its workers: none may serve the next test's jobs.
afterEach(workers.stopAll);

afterAll(async () => {
  await workers.stopAll();
  await boss?.stop({ graceful: false, wait: true });
});

describe("provisioning workers", () => {
  it("never apply one customer at once across two workers, and serve every request", async () => {
    const pair = [startWorkerProcess(150), startWorkerProcess(150)];
    await Promise.all(pair.map(ready));
    const customers = await Promise.all([customerWithRun(), customerWithRun(), customerWithRun()]);

    // A burst: while the first job waits, a second send for the customer joins it (null).
    for (const c of customers) {
      expect(await send(c.customerId)).not.toBeNull();
      expect(await send(c.customerId)).toBeNull();
    }
    // Once the first jobs run, more jobs and a second run per customer race them.
    await until("first runs to start", () => db.provisioningRun.count({ where: { id: { in: customers.map((c) => c.runId) }, status: "running" } }), (n) => n > 0);
    const second = await Promise.all(customers.map((c) => addRun(c.customerId)));
    for (const c of customers) await send(c.customerId);
    for (const c of customers) await send(c.customerId);

    const all = [...customers.map((c) => c.runId), ...second];
    await until("every run to succeed", () => db.provisioningRun.count({ where: { id: { in: all }, status: "succeeded" } }), (n) => n === all.length);
    for (const c of customers) {
      expect(await overlap(c.customerId)).toEqual({ max_active: 1, creates: FAKE_STEPS.length });
      expect(await db.tenantObject.count({ where: { customerId: c.customerId } })).toBe(FAKE_STEPS.length);
    }
    for (const w of pair) w.kill("SIGTERM");
  }, 90_000);

  it("picks up a killed worker's apply in another worker, which resumes it without duplicates", async () => {
    const first = startWorkerProcess(400, 1);
    await ready(first);
    const { customerId, runId } = await customerWithRun();
    await send(customerId);
    await until("two steps to finish", () => db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { stepsDone: true } }), (r) => r.stepsDone >= 2);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const interruptedAt = (await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { stepsDone: true, status: true } }));
    expect(interruptedAt.status).toBe("running");
    expect(interruptedAt.stepsDone).toBeLessThan(FAKE_STEPS.length);

    const started = Date.now();
    const second = startWorkerProcess(400, 1);
    await ready(second);
    await until("the run to succeed", () => db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } }), (r) => r.status === "succeeded", 60_000);
    // The lease had to end first: the job is not taken from a live-looking worker early.
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(await overlap(customerId)).toEqual({ max_active: 1, creates: FAKE_STEPS.length });
    expect(await db.tenantObject.count({ where: { customerId } })).toBe(FAKE_STEPS.length);
    const steps = await db.provisioningStep.findMany({ where: { runId }, select: { status: true } });
    expect(steps).toHaveLength(FAKE_STEPS.length);
    expect(steps.every((s) => s.status === "succeeded")).toBe(true);
    // One job, retried once (the lease of the killed worker), completed by the second worker.
    const jobs = await until(
      "the job to complete",
      () => db.$queryRaw<{ retry_count: number; state: string }[]>`SELECT retry_count, state::text FROM pgboss.job WHERE name = ${FAKE_QUEUE} AND singleton_key = ${customerId}`,
      (rows) => rows.every((r) => r.state === "completed"),
    );
    expect(jobs).toEqual([{ retry_count: 1, state: "completed" }]);
    second.kill("SIGTERM");
  }, 90_000);

  it("drains on SIGTERM: a running apply finishes before the worker exits", async () => {
    const worker = startWorkerProcess(200, 1);
    await ready(worker);
    const { customerId, runId } = await customerWithRun();
    await send(customerId);
    await until("the run to start", () => db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { stepsDone: true } }), (r) => r.stepsDone >= 1);
    worker.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => worker.once("exit", resolve));
    expect(code).toBe(0);
    expect(await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).toEqual({ status: "succeeded" });
  }, 60_000);
});
