import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma, RolloutStatus } from "@/lib/generated/prisma/client";
import { countRolloutCustomers, storedCounts } from "./counts";
import { countCustomers, freeSlots, outcomeOfRun, settle, WRITING_ACTIONS, type RolloutCounts } from "./policy";

/** A customer started but whose run was never recorded (its tick died in between) is asked again after this. */
const ORPHAN_AFTER_MS = 30_000;

export interface TickResult {
  status: RolloutStatus;
  /** nothing more for the job to do: completed, cancelled and settled, or paused with nothing running */
  done: boolean;
  counts: RolloutCounts;
}

type Tx = Prisma.TransactionClient;

/** Running customers whose run ended get its outcome; returns the ones whose run was never recorded. */
async function reconcileRunning(tx: Tx, rolloutId: string, now: Date): Promise<string[]> {
  const running = await tx.rolloutCustomer.findMany({
    where: { rolloutId, status: "running" },
    select: {
      id: true, startedAt: true,
      run: { select: { status: true, errorMessage: true, attentionReason: true, _count: { select: { steps: { where: { status: "succeeded", action: { in: [...WRITING_ACTIONS] } } } } } } },
    },
  });
  const orphans: string[] = [];
  for (const row of running) {
    if (!row.run) {
      if (!row.startedAt || now.getTime() - row.startedAt.getTime() > ORPHAN_AFTER_MS) orphans.push(row.id);
      continue;
    }
    // Counted from the steps, not the run's Graph write counter: a run resumed after a crash
    // keeps the steps its first attempt finished, while the counter covers the last attempt only.
    const { _count, ...run } = row.run;
    const outcome = outcomeOfRun({ ...run, changes: _count.steps });
    if (outcome) await tx.rolloutCustomer.update({ where: { id: row.id }, data: { ...outcome, finishedAt: now } });
  }
  return orphans;
}

/**
 * One step of a rollout, safe to run twice at once (a retried job may overlap a live one): under
 * the rollout's row lock it records the outcome of every run that ended, starts pending customers
 * up to the concurrency, and settles the rollout's status and counts. Each customer is claimed
 * exactly once, so no customer is run twice. The runs themselves are requested after the commit.
 */
export async function tickRollout(rolloutId: string, now: () => Date = () => new Date()): Promise<TickResult> {
  const decided = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Rollout" WHERE id = ${rolloutId}::uuid FOR UPDATE`;
    if (!locked) return null;
    const rollout = await tx.rollout.findUniqueOrThrow({ where: { id: rolloutId }, select: { workspaceId: true, status: true, concurrency: true, startedAt: true } });
    const at = now();
    const orphans = await reconcileRunning(tx, rolloutId, at);
    let status = rollout.status;
    if (status === "queued") status = "running";
    const stillRunning = await tx.rolloutCustomer.count({ where: { rolloutId, status: "running" } });
    const slots = freeSlots(status, rollout.concurrency, stillRunning);
    const claimed = slots
      ? await tx.rolloutCustomer.findMany({ where: { rolloutId, status: "pending" }, orderBy: { customer: { displayName: "asc" } }, take: slots, select: { id: true } })
      : [];
    if (claimed.length) await tx.rolloutCustomer.updateMany({ where: { id: { in: claimed.map((c) => c.id) }, status: "pending" }, data: { status: "running", startedAt: at } });
    if (orphans.length) await tx.rolloutCustomer.updateMany({ where: { id: { in: orphans } }, data: { startedAt: at } });
    const counts = await countRolloutCustomers(tx, rolloutId);
    const settled = settle(status, counts);
    await tx.rollout.update({
      where: { id: rolloutId },
      data: {
        status: settled.status,
        ...storedCounts(counts),
        ...(rollout.startedAt ? {} : { startedAt: at }),
        ...(settled.finished ? { finishedAt: at } : {}),
      },
    });
    return { workspaceId: rollout.workspaceId, start: [...claimed.map((c) => c.id), ...orphans], result: { status: settled.status, done: settled.jobDone, counts }, completedNow: settled.finished && settled.status === "completed" };
  });
  if (!decided) return { status: "cancelled", done: true, counts: countCustomers([]) };
  for (const id of decided.start) await startCustomer(id);
  if (decided.completedNow) await auditCompleted(decided.workspaceId, rolloutId);
  return decided.result;
}

/** Requests the customer's provisioning run (joining one already open) and records it on the row. */
async function startCustomer(rolloutCustomerId: string): Promise<void> {
  const row = await db.rolloutCustomer.findUniqueOrThrow({
    where: { id: rolloutCustomerId },
    select: { customerId: true, workspaceId: true, runId: true, rollout: { select: { actor: true, startedById: true, createdAt: true } } },
  });
  if (row.runId) return;
  // A tick that died after requesting the run but before recording it left the run unlinked: adopt
  // it rather than request another, so the customer is still run once.
  const lost = await db.provisioningRun.findFirst({
    where: { workspaceId: row.workspaceId, customerId: row.customerId, trigger: "rollout", createdAt: { gte: row.rollout.createdAt }, rollouts: { none: {} } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (lost) {
    await db.rolloutCustomer.updateMany({ where: { id: rolloutCustomerId, runId: null }, data: { runId: lost.id } });
    return;
  }
  // Imported here: lib/jobs imports this module for the rollout job.
  const { requestProvisioning } = await import("@/lib/jobs/provisioning-requests");
  try {
    const { runId } = await requestProvisioning({ workspaceId: row.workspaceId, customerId: row.customerId, trigger: "rollout", requestedById: row.rollout.startedById, actor: row.rollout.actor });
    await db.rolloutCustomer.updateMany({ where: { id: rolloutCustomerId, runId: null }, data: { runId } });
  } catch (error) {
    // Expected refusals (the customer was offboarded meanwhile) skip it; anything else fails it. Either way the others go on.
    const expected = error instanceof AppError;
    const message = error instanceof Error ? error.message : String(error);
    if (!expected) console.error(`Rollout: provisioning of customer ${row.customerId} could not be requested`, error);
    await db.rolloutCustomer.updateMany({
      where: { id: rolloutCustomerId, status: "running", runId: null },
      data: { status: expected ? "skipped" : "failed", message: expected ? message : `The provisioning run could not be started: ${message}`, finishedAt: new Date() },
    });
  }
}

async function auditCompleted(workspaceId: string, rolloutId: string): Promise<void> {
  const rollout = await db.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    select: { actor: true, blueprintVersion: true, total: true, succeeded: true, unchanged: true, failed: true, skipped: true, customers: { where: { status: "failed" }, select: { customerId: true, message: true } } },
  });
  const { customers, actor, ...counts } = rollout;
  await recordAudit({
    workspaceId, actor, action: "blueprint.rollout_completed", target: `rollout:${rolloutId}`,
    details: { ...counts, failedCustomers: customers.slice(0, 50).map((c) => ({ customerId: c.customerId, message: c.message })) },
  });
}
