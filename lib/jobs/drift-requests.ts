import "server-only";
import { db } from "@/lib/db";
import { CHECKABLE_STATUSES } from "@/lib/data/drift";
import { driftCheck } from "./drift-schedule";
import { enqueue } from "./enqueue";

/**
 * "Check all now": a drift check job for every checkable customer of the workspace. The workers
 * run them with their bounded concurrency (and auto-repair when the blueprint says so); a
 * customer with a check already waiting is served by that one.
 */
export async function requestDriftChecks(workspaceId: string): Promise<{ customers: number; queued: number }> {
  const customers = await db.customer.findMany({ where: { workspaceId, status: { in: [...CHECKABLE_STATUSES] }, tenantId: { not: null } }, select: { id: true } });
  let queued = 0;
  for (const c of customers) if (await enqueue(driftCheck, { workspaceId, customerId: c.id, trigger: "manual" })) queued++;
  return { customers: customers.length, queued };
}
