import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { GraphError, TokenError } from "@/lib/graph/errors";
import { defaultSleep } from "@/lib/graph/http";
import { graphFor, withCustomerLock, type EngineDeps } from "@/lib/provisioning";
import { loadBlueprint } from "@/lib/provisioning/store";
import { planRemoval, tiers, type Removal } from "./order";
import { removeOne, type GuestLeft } from "./remove";
import { guestsRecorded, readReport, type OffboardingReport } from "./report";

/**
 * Offboarding as a run: its steps are ProvisioningStep rows (action `remove`) of a run with
 * trigger "offboard". A crash leaves the run unfinished; the next call takes the same run up,
 * skips the steps that already ended, and re-checks the rest against Graph (each removal is
 * idempotent), so the report covers both passes.
 */

export const OFFBOARD_TRIGGER = "offboard";
const DONE = new Set(["succeeded", "skipped"]);

export interface OffboardInput {
  workspaceId: string;
  customerId: string;
  /** the customer's primary domain, typed by the person who asked */
  confirm: string;
  /** audit actor: "user:<id>", "cli", "system" */
  actor: string;
  requestedById?: string | null;
}

export interface OffboardDeps extends EngineDeps {
  signal?: AbortSignal;
  /** total wait for Graph to show one removal */
  verifyBudgetMs?: number;
  /** called after each step ends (progress on a terminal) */
  onStep?: (step: { key: string; title: string; status: string; detail?: string }) => void;
}

export function confirmationMatches(domain: string, typed: string): boolean {
  return typed.trim().toLowerCase() === domain.trim().toLowerCase();
}

async function openRun(input: OffboardInput): Promise<string> {
  const open = await db.provisioningRun.findFirst({
    where: { workspaceId: input.workspaceId, customerId: input.customerId, trigger: OFFBOARD_TRIGGER, status: { in: ["queued", "running", "failed", "needs_attention"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (open) return open.id;
  const blueprint = await loadBlueprint(input.workspaceId);
  const run = await db.provisioningRun.create({
    data: { workspaceId: input.workspaceId, customerId: input.customerId, blueprintVersion: blueprint.version, trigger: OFFBOARD_TRIGGER, requestedById: input.requestedById ?? null, status: "running", startedAt: new Date() },
    select: { id: true },
  });
  return run.id;
}

/** Adds steps for recorded objects the run does not list yet (the first pass, or objects recorded since). */
async function syncSteps(runId: string, customerId: string): Promise<Removal[]> {
  const records = await db.tenantObject.findMany({ where: { customerId }, select: { key: true, kind: true, graphId: true, displayName: true, adopted: true } });
  const { removals, leftInPlace, unknown } = planRemoval(records);
  const existing = new Set((await db.provisioningStep.findMany({ where: { runId }, select: { key: true } })).map((s) => s.key));
  const base = existing.size;
  const fresh = [
    ...removals.filter((r) => !existing.has(r.key)).map((r) => ({ key: r.key, kind: r.kind, title: r.title, action: "remove" as const, status: "pending" as const, reason: "Gatehouse created it; offboarding removes it." })),
    ...[...leftInPlace, ...unknown].filter((r) => !existing.has(r.key)).map((r) => ({
      key: r.key, kind: r.kind, title: `Leave ${r.displayName} in place`, action: "none" as const, status: "skipped" as const,
      reason: r.adopted ? "It existed before Gatehouse took it over, so offboarding leaves it." : "Offboarding does not know this kind of object.",
      errorCode: "leftInPlace", errorMessage: "Existed before Gatehouse: left in the tenant.", finishedAt: new Date(),
    })),
  ];
  if (fresh.length) await db.provisioningStep.createMany({ data: fresh.map((s, i) => ({ runId, position: base + i, change: {}, ...s })) });
  // Records of objects left in place are dropped: the customer is no longer managed.
  const leftKeys = [...leftInPlace, ...unknown].map((r) => r.key);
  if (leftKeys.length) await db.tenantObject.deleteMany({ where: { customerId, key: { in: leftKeys } } });
  const total = await db.provisioningStep.count({ where: { runId } });
  await db.provisioningRun.update({ where: { id: runId }, data: { stepsTotal: total, status: "running" } });
  return removals;
}

/** Adds guests to those the step has recorded (each object id once). */
async function recordGuests(runId: string, key: string, guests: GuestLeft[]): Promise<void> {
  const step = await db.provisioningStep.findUniqueOrThrow({ where: { runId_key: { runId, key } }, select: { change: true } });
  const all = new Map(guestsRecorded(step.change).map((g) => [g.objectId, g]));
  for (const { objectId, name } of guests) if (!all.has(objectId)) all.set(objectId, { objectId, name });
  const change = { ...(step.change && typeof step.change === "object" && !Array.isArray(step.change) ? step.change : {}), guests: [...all.values()].map(({ objectId, name }) => ({ objectId, name })) };
  await db.provisioningStep.update({ where: { runId_key: { runId, key } }, data: { change } });
}

async function finish(runId: string, input: OffboardInput, status: "succeeded" | "needs_attention" | "queued", reason?: string): Promise<void> {
  await db.$executeRaw`UPDATE "ProvisioningRun" SET "stepsDone" = (SELECT count(*) FROM "ProvisioningStep" WHERE "runId" = ${runId}::uuid AND status IN ('succeeded', 'failed', 'skipped')), "updatedAt" = now() WHERE id = ${runId}::uuid`;
  await db.provisioningRun.update({ where: { id: runId }, data: { status, ...(status === "queued" ? {} : { finishedAt: new Date() }), attentionReason: reason ?? null, errorCode: status === "needs_attention" ? "removalFailed" : null, errorMessage: reason ?? null } });
  if (status === "succeeded") {
    await db.customer.updateMany({ where: { id: input.customerId, workspaceId: input.workspaceId }, data: { status: "offboarded", attentionReason: null } });
    await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "customer.offboarded", target: `customer:${input.customerId}`, details: { runId } });
  } else if (status === "needs_attention") {
    await db.customer.updateMany({ where: { id: input.customerId, workspaceId: input.workspaceId }, data: { attentionReason: reason ?? "Offboarding could not remove everything." } });
    await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "customer.offboarding_incomplete", target: `customer:${input.customerId}`, details: { runId, reason: reason ?? "" } });
  }
}

/**
 * Removes everything Gatehouse created in the customer's tenant and ends the customer
 * `offboarded`. Safe to call again: after a crash it resumes; when done it returns the report.
 */
export async function offboardCustomer(input: OffboardInput, deps: OffboardDeps = {}): Promise<OffboardingReport> {
  const customer = await db.customer.findFirst({ where: { id: input.customerId, workspaceId: input.workspaceId }, select: { id: true, primaryDomain: true, tenantId: true, status: true } });
  if (!customer) throw new NotFoundError("The customer");
  if (!confirmationMatches(customer.primaryDomain, input.confirm)) {
    throw new InvalidInputError(`Type the customer's domain, ${customer.primaryDomain}, to confirm offboarding (got "${input.confirm.trim()}").`);
  }
  if (customer.status === "offboarded") return readReport(input.workspaceId, input.customerId, { clientId: deps.graphAccess?.clientId ?? null });

  await withCustomerLock(customer.id, async () => {
    const runId = await openRun(input);
    await db.customer.updateMany({ where: { id: customer.id, workspaceId: input.workspaceId, status: { not: "offboarded" } }, data: { status: "offboarding" } });
    await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "customer.offboarding_started", target: `customer:${customer.id}`, details: { runId } });
    const removals = await syncSteps(runId, customer.id);
    const state = new Map((await db.provisioningStep.findMany({ where: { runId }, select: { key: true, status: true } })).map((s) => [s.key, s.status]));
    const pending = removals.filter((r) => !DONE.has(state.get(r.key) ?? "pending"));
    if (pending.length && !customer.tenantId) return finish(runId, input, "needs_attention", "Gatehouse has objects on record but no tenant to remove them from.");
    if (!pending.length) return finish(runId, input, "succeeded");

    const http = graphFor(customer.tenantId!, deps, deps.signal);
    const sleep = (ms: number) => (deps.sleep ?? defaultSleep)(ms, deps.signal);
    let failure: string | undefined;
    for (const tier of tiers(pending)) {
      if (failure) {
        // A later tier would fail on what the failed one left (Graph refuses a catalog with packages).
        await db.provisioningStep.updateMany({ where: { runId, key: { in: tier.map((r) => r.key) } }, data: { status: "pending", errorCode: "waiting", errorMessage: `Waits for: ${failure}` } });
        continue;
      }
      if (deps.signal?.aborted) return finish(runId, input, "queued");
      await Promise.all(tier.map(async (removal) => {
        const startedAt = new Date();
        await db.provisioningStep.update({ where: { runId_key: { runId, key: removal.key } }, data: { status: "running", startedAt, attempts: { increment: 1 } } });
        try {
          const outcome = await removeOne(removal, {
            http, sleep, ...(deps.verifyBudgetMs !== undefined ? { verifyBudgetMs: deps.verifyBudgetMs } : {}),
            // Recorded before Graph ends the assignments: after that, nothing in Graph says who they were for.
            noteGuests: (guests) => recordGuests(runId, removal.key, guests),
          });
          const status = outcome.result === "removed" ? "succeeded" : "skipped";
          await db.$transaction([
            db.provisioningStep.update({
              where: { runId_key: { runId, key: removal.key } },
              data: { status, finishedAt: new Date(), requestIds: { push: outcome.requestIds }, errorCode: outcome.result === "alreadyGone" ? "alreadyGone" : null, errorMessage: outcome.result === "alreadyGone" ? "Already gone: removed outside Gatehouse." : null, ...(outcome.detail ? { reason: outcome.detail } : {}) },
            }),
            // Verified gone: Gatehouse no longer tracks it.
            db.tenantObject.deleteMany({ where: { customerId: customer.id, key: removal.key } }),
          ]);
          deps.onStep?.({ key: removal.key, title: removal.title, status: outcome.result, ...(outcome.detail ? { detail: outcome.detail } : {}) });
        } catch (error) {
          if (deps.signal?.aborted) {
            // Stopped, not failed: the step is taken up again on resume.
            await db.provisioningStep.update({ where: { runId_key: { runId, key: removal.key } }, data: { status: "pending" } });
            return;
          }
          const code = error instanceof GraphError || error instanceof TokenError ? error.code : "internalError";
          const message = error instanceof Error ? error.message : String(error);
          failure ??= `${removal.title}: ${message}`;
          await db.provisioningStep.update({ where: { runId_key: { runId, key: removal.key } }, data: { status: "failed", finishedAt: new Date(), errorCode: code, errorMessage: message, ...(error instanceof GraphError && error.requestId ? { requestIds: { push: error.requestId } } : {}) } });
          deps.onStep?.({ key: removal.key, title: removal.title, status: "failed", detail: message });
        }
      }));
    }
    if (deps.signal?.aborted && !failure) return finish(runId, input, "queued");
    return finish(runId, input, failure ? "needs_attention" : "succeeded", failure ? `Offboarding could not remove everything. ${failure}` : undefined);
  }, deps.signal ? { signal: deps.signal } : {});
  return readReport(input.workspaceId, input.customerId, { clientId: deps.graphAccess?.clientId ?? null });
}
