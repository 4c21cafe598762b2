import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { UNFINISHED } from "@/lib/data/provisioning";
import { customerOffboard } from "./offboarding";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { CustomerStatus } from "@/lib/generated/prisma/client";
import { createRun, getBlueprint } from "@/lib/provisioning";
import { enqueue } from "./enqueue";
import { provisioningApply } from "./registry";

/** Customers whose tenant Gatehouse may write to: consent proven and not being offboarded. */
export const PROVISIONABLE: readonly CustomerStatus[] = ["consented", "provisioning", "active", "needs_attention"];

export interface ProvisioningRequest {
  workspaceId: string;
  customerId: string;
  trigger: "consent" | "manual" | "rollout";
  requestedById: string | null;
  /** "user:<objectId>" or "system", for the audit trail. */
  actor: string;
}

export interface RequestedRun {
  runId: string;
  /** true when a run that had not ended yet serves this request */
  joined: boolean;
}

// Requests for one customer are serialised by a transaction-scoped advisory lock in a key space
// of its own (two-int form: it never meets the engine's one-bigint per-customer lock).
const REQUEST_LOCK_CLASS = 0x6768; // "gh"

/**
 * Asks for the customer's tenant to be brought to the blueprint. At most one run per customer is
 * unfinished at a time: a request while one is queued or running joins it. The job is sent after
 * the run is committed; a worker starting up re-queues any unfinished run whose job was lost.
 */
export async function requestProvisioning(request: ProvisioningRequest): Promise<RequestedRun> {
  const requested = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REQUEST_LOCK_CLASS}::int, hashtext(${request.customerId}))`;
    const customer = await tx.customer.findFirst({
      where: { id: request.customerId, workspaceId: request.workspaceId },
      select: { status: true, tenantId: true },
    });
    if (!customer) throw new NotFoundError("The customer");
    if (!customer.tenantId || !PROVISIONABLE.includes(customer.status)) {
      throw new ConflictError("Provisioning starts once the customer's admin has granted consent.");
    }
    const open = await tx.provisioningRun.findFirst({
      where: { workspaceId: request.workspaceId, customerId: request.customerId, status: { in: UNFINISHED }, trigger: { not: "offboard" } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    if (open) return { runId: open.id, joined: true };
    const runId = await createRun({
      workspaceId: request.workspaceId,
      customerId: request.customerId,
      trigger: request.trigger,
      requestedById: request.requestedById,
    });
    return { runId, joined: false };
  });
  await enqueue(provisioningApply, { workspaceId: request.workspaceId, customerId: request.customerId });
  if (!requested.joined) {
    await recordAudit({
      workspaceId: request.workspaceId,
      actor: request.actor,
      action: "provisioning.requested",
      target: `customer:${request.customerId}`,
      details: { runId: requested.runId, trigger: request.trigger },
    });
  }
  return requested;
}

/**
 * The consent success path's one call: starts provisioning when the workspace's blueprint says
 * so (on by default). Never throws: consent is recorded whatever happens here, and a failure
 * leaves the customer `consented` with Apply on its page.
 */
export async function provisionAfterConsent(scope: { workspaceId: string; customerId: string }): Promise<void> {
  try {
    const blueprint = await getBlueprint(scope.workspaceId);
    if (!blueprint.definition.autoProvisionOnConsent) return;
    await requestProvisioning({ ...scope, trigger: "consent", requestedById: null, actor: "system" });
  } catch (error) {
    console.error("Provisioning could not be queued after consent", error);
  }
}

/** A worker starting up: re-queue every unfinished run (a crash between commit and send, a lost job). */
export async function requeueUnfinishedRuns(): Promise<number> {
  const open = await db.provisioningRun.findMany({
    where: { status: { in: UNFINISHED } },
    distinct: ["customerId", "trigger"],
    select: { workspaceId: true, customerId: true, trigger: true },
  });
  for (const { trigger, ...scope } of open) {
    // An interrupted offboarding resumes in its own job (it removes; apply would re-create).
    if (trigger === "offboard") await enqueue(customerOffboard, { ...scope, actor: "system" });
    else await enqueue(provisioningApply, scope);
  }
  return new Set(open.map((o) => o.customerId)).size;
}
