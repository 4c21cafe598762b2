import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { RolloutStatus } from "@/lib/generated/prisma/client";
import { getBlueprint } from "@/lib/provisioning";
import { countRolloutCustomers, storedCounts } from "./counts";
import { ACTIVE_ROLLOUT, ROLLOUT_CUSTOMER_WHERE } from "./policy";

/**
 * What people (the Settings page, the CLI) do to a rollout. Each is scoped by workspace, audited,
 * and hands the work to the rollout job; none runs a tenant in the caller's process.
 */

export interface RolloutActor {
  workspaceId: string;
  /** "user:<objectId>" or "cli" */
  actor: string;
  startedById?: string | null;
}


async function queueTick(workspaceId: string, rolloutId: string): Promise<void> {
  // Imported here: lib/jobs imports lib/rollout for the job's handler.
  const [{ enqueue }, { blueprintRollout }] = await Promise.all([import("@/lib/jobs/enqueue"), import("@/lib/jobs/registry")]);
  await enqueue(blueprintRollout, { workspaceId, rolloutId });
}

/** Starts rolling the active blueprint out to every provisioned customer. One active rollout per workspace. */
export async function startRollout(input: RolloutActor & { concurrency: number }): Promise<{ rolloutId: string; total: number; blueprintVersion: number }> {
  const blueprint = await getBlueprint(input.workspaceId);
  const customers = await db.customer.findMany({ where: { workspaceId: input.workspaceId, ...ROLLOUT_CUSTOMER_WHERE }, select: { id: true } });
  if (customers.length === 0) throw new InvalidInputError("No customer is provisioned yet, so there is nothing to roll out to.");
  let rolloutId: string;
  try {
    rolloutId = await db.$transaction(async (tx) => {
      const rollout = await tx.rollout.create({
        data: { workspaceId: input.workspaceId, blueprintVersion: blueprint.version, concurrency: input.concurrency, actor: input.actor, startedById: input.startedById ?? null, total: customers.length },
        select: { id: true },
      });
      await tx.rolloutCustomer.createMany({ data: customers.map((c) => ({ rolloutId: rollout.id, workspaceId: input.workspaceId, customerId: c.id })) });
      return rollout.id;
    });
  } catch (error) {
    // The partial unique index "one active rollout per workspace" decides between two starts.
    if ((error as { code?: string }).code === "P2002") throw new ConflictError("A rollout is already under way in this workspace: resume or cancel it before starting another.");
    throw error;
  }
  await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "blueprint.rollout_started", target: `rollout:${rolloutId}`, details: { blueprintVersion: blueprint.version, customers: customers.length, concurrency: input.concurrency } });
  await queueTick(input.workspaceId, rolloutId);
  return { rolloutId, total: customers.length, blueprintVersion: blueprint.version };
}

async function transition(input: RolloutActor & { rolloutId: string }, from: readonly RolloutStatus[], to: RolloutStatus, refusal: (status: RolloutStatus) => string): Promise<void> {
  const where = { id: input.rolloutId, workspaceId: input.workspaceId };
  const current = await db.rollout.findFirst({ where, select: { status: true } });
  if (!current) throw new NotFoundError("The rollout");
  const changed = await db.rollout.updateMany({
    where: { ...where, status: { in: [...from] } },
    data: { status: to, ...(to === "paused" ? { pausedAt: new Date() } : { pausedAt: null }) },
  });
  if (changed.count === 0) throw new ConflictError(refusal((await db.rollout.findFirst({ where, select: { status: true } }))?.status ?? current.status));
}

/** No new customer starts; the running ones finish. The same rollout resumes later. */
export async function pauseRollout(input: RolloutActor & { rolloutId: string }): Promise<void> {
  await transition(input, ["queued", "running"], "paused", (status) => `The rollout is ${status}, so it cannot be paused.`);
  await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "blueprint.rollout_paused", target: `rollout:${input.rolloutId}` });
}

/** Continues a paused rollout with its pending customers (in whichever worker takes the job). */
export async function resumeRollout(input: RolloutActor & { rolloutId: string }): Promise<void> {
  await transition(input, ["paused"], "running", (status) => `The rollout is ${status}, not paused.`);
  await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "blueprint.rollout_resumed", target: `rollout:${input.rolloutId}` });
  await queueTick(input.workspaceId, input.rolloutId);
}

/** Ends a rollout early: pending customers are skipped, running ones finish and are recorded. */
export async function cancelRollout(input: RolloutActor & { rolloutId: string }): Promise<void> {
  await transition(input, ACTIVE_ROLLOUT, "cancelled", (status) => `The rollout is already ${status}.`);
  await db.rolloutCustomer.updateMany({ where: { rolloutId: input.rolloutId, workspaceId: input.workspaceId, status: "pending" }, data: { status: "skipped", message: "Not started: the rollout was cancelled." } });
  await db.rollout.update({ where: { id: input.rolloutId }, data: storedCounts(await countRolloutCustomers(db, input.rolloutId)) });
  await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "blueprint.rollout_cancelled", target: `rollout:${input.rolloutId}` });
  await queueTick(input.workspaceId, input.rolloutId);
}

/** The workspace's rollout that is queued, running or paused, if any. */
export async function activeRolloutId(workspaceId: string): Promise<string | null> {
  return (await db.rollout.findFirst({ where: { workspaceId, status: { in: [...ACTIVE_ROLLOUT] } }, select: { id: true } }))?.id ?? null;
}

/** How many customers a rollout started now would cover. */
export async function rolloutCustomerCount(workspaceId: string): Promise<number> {
  return db.customer.count({ where: { workspaceId, ...ROLLOUT_CUSTOMER_WHERE } });
}
