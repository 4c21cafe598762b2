import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/errors";
import { DEFAULT_BLUEPRINT, parseBlueprint, type Blueprint } from "./blueprint";
import type { RecordedObject } from "./observe";
import type { StepOutcome } from "./apply";
import type { ObjectKind, PlanStep } from "./types";

/** Prisma access of the engine: always scoped by workspace or by a run/customer id read from one. */

export async function loadBlueprint(workspaceId: string): Promise<Blueprint> {
  const stored = await db.blueprint.findFirst({ where: { workspaceId }, orderBy: { version: "desc" }, select: { version: true, definition: true } });
  if (!stored) return { version: 0, definition: DEFAULT_BLUEPRINT };
  return { version: stored.version, definition: parseBlueprint(stored.definition) };
}

export interface CustomerForProvisioning {
  id: string;
  workspaceId: string;
  tenantId: string | null;
  status: string;
  primaryDomain: string;
  consentGrantedByObjectId: string | null;
  consentGrantedByName: string | null;
  msspDomain: string;
  msspTenantId: string;
}

export async function loadCustomer(workspaceId: string, customerId: string): Promise<CustomerForProvisioning> {
  const customer = await db.customer.findFirst({
    where: { id: customerId, workspaceId },
    select: { id: true, workspaceId: true, tenantId: true, status: true, primaryDomain: true, consentGrantedByObjectId: true, consentGrantedByName: true, workspace: { select: { primaryDomain: true, tenantId: true } } },
  });
  if (!customer) throw new NotFoundError("The customer");
  const { workspace, ...rest } = customer;
  return { ...rest, msspDomain: workspace.primaryDomain, msspTenantId: workspace.tenantId };
}

export async function loadRecords(customerId: string): Promise<Map<string, RecordedObject>> {
  const rows = await db.tenantObject.findMany({ where: { customerId }, select: { key: true, graphId: true, updatedAt: true, seenAt: true } });
  return new Map(rows.map((r) => [r.key, { graphId: r.graphId, updatedAt: r.updatedAt, seenAt: r.seenAt }]));
}

/** Marks recorded objects an observation read back (they have replicated). */
export async function markSeen(customerId: string, records: Map<string, RecordedObject>, seen: Map<string, { graphId: string }>): Promise<void> {
  const keys = [...records].filter(([key, r]) => r.seenAt === null && seen.get(key)?.graphId === r.graphId).map(([key]) => key);
  if (keys.length === 0) return;
  await db.tenantObject.updateMany({ where: { customerId, key: { in: keys }, seenAt: null }, data: { seenAt: new Date() } });
}

export async function recordObject(workspaceId: string, customerId: string, object: { key: string; kind: ObjectKind; graphId: string; displayName: string; adopted: boolean }): Promise<void> {
  await db.tenantObject.upsert({
    where: { customerId_key: { customerId, key: object.key } },
    create: { workspaceId, customerId, ...object },
    // A new id (re-created or re-adopted) has not been read back yet.
    update: { kind: object.kind, graphId: object.graphId, displayName: object.displayName, adopted: object.adopted, seenAt: null },
  });
}

/**
 * Writes the plan as the run's steps. On a resumed run, a step that already succeeded keeps
 * its log (request ids, times); everything else is replaced by the fresh plan.
 */
export async function writeSteps(runId: string, steps: PlanStep[]): Promise<void> {
  const existing = new Map((await db.provisioningStep.findMany({ where: { runId }, select: { key: true, status: true } })).map((s) => [s.key, s.status]));
  if (existing.size === 0) {
    // A fresh run: one INSERT.
    await db.provisioningStep.createMany({
      data: steps.map((step, position) => ({
        runId, key: step.key, position, action: step.action, kind: step.kind, title: step.title, reason: step.reason,
        change: JSON.parse(JSON.stringify(step.change)) as Prisma.InputJsonValue,
        ...(step.manual ? { manual: step.manual as unknown as Prisma.InputJsonValue } : {}),
        status: "pending" as const,
      })),
    });
    return;
  }
  await db.$transaction([
    db.provisioningStep.deleteMany({ where: { runId, key: { notIn: steps.map((s) => s.key) } } }),
    ...steps.map((step, position) => {
      const data = {
        position,
        action: step.action,
        kind: step.kind,
        title: step.title,
        reason: step.reason,
        change: JSON.parse(JSON.stringify(step.change)) as Prisma.InputJsonValue,
        manual: step.manual ? (step.manual as unknown as Prisma.InputJsonValue) : undefined,
      };
      if (existing.get(step.key) === "succeeded" && step.action === "none") {
        return db.provisioningStep.update({ where: { runId_key: { runId, key: step.key } }, data: { position } });
      }
      return db.provisioningStep.upsert({
        where: { runId_key: { runId, key: step.key } },
        create: { runId, key: step.key, ...data, status: "pending" },
        update: { ...data, status: "pending", errorCode: null, errorMessage: null, startedAt: null, finishedAt: null },
      });
    }),
  ]);
}

export async function markStepStarted(runId: string, key: string, at: Date): Promise<void> {
  await db.provisioningStep.update({ where: { runId_key: { runId, key } }, data: { status: "running", startedAt: at } });
}

export async function markStepFinished(runId: string, key: string, outcome: StepOutcome): Promise<void> {
  await db.$transaction([
    db.provisioningStep.update({
      where: { runId_key: { runId, key } },
      data: {
        status: outcome.status,
        attempts: { increment: outcome.attempts },
        requestIds: { push: outcome.requestIds },
        errorCode: outcome.errorCode ?? null,
        errorMessage: outcome.errorMessage ?? null,
        ...(outcome.manual ? { manual: outcome.manual as unknown as Prisma.InputJsonValue } : {}),
        ...(outcome.startedAt ? { startedAt: outcome.startedAt } : {}),
        finishedAt: outcome.finishedAt ?? new Date(),
      },
    }),
  ]);
  await countDone(runId);
}

/** stepsDone from the steps themselves, so a resumed run never counts a step twice. */
export async function countDone(runId: string): Promise<void> {
  await db.$executeRaw`UPDATE "ProvisioningRun" SET "stepsDone" = (SELECT count(*) FROM "ProvisioningStep" WHERE "runId" = ${runId}::uuid AND status IN ('succeeded', 'failed', 'skipped', 'needs_manual_action')), "updatedAt" = now() WHERE id = ${runId}::uuid`;
}
