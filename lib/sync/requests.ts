import "server-only";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { syncCustomerDefinition } from "@/lib/jobs/registry";
import { NotFoundError } from "@/lib/errors";
import { dueCustomers, SYNCABLE_STATUSES } from "./schedule";

/**
 * "Sync now" for one customer or every syncable customer of a workspace. Returns how many syncs
 * were queued; a customer with a sync already waiting is served by that one.
 */
export async function requestSync(workspaceId: string, customerId?: string): Promise<{ queued: number; customers: number }> {
  const customers = await db.customer.findMany({
    where: { workspaceId, status: { in: SYNCABLE_STATUSES }, tenantId: { not: null }, ...(customerId ? { id: customerId } : {}) },
    select: { id: true },
  });
  if (customerId && customers.length === 0) throw new NotFoundError("A customer with a consented tenant to sync");
  let queued = 0;
  for (const c of customers) if (await enqueue(syncCustomerDefinition, { workspaceId, customerId: c.id, trigger: "manual" })) queued++;
  return { queued, customers: customers.length };
}

/** One scheduler tick: queue every due customer. Several workers may tick; singleton keys dedupe. */
export async function enqueueDueSyncs(now = new Date()): Promise<number> {
  let queued = 0;
  for (const due of await dueCustomers(now)) {
    if (await enqueue(syncCustomerDefinition, { ...due, trigger: "schedule" })) queued++;
  }
  return queued;
}

/** Ticks every `tickMs` in the worker process until stopped. A failing tick is logged, not fatal. */
export function startSyncScheduler(log: (line: string) => void, tickMs = 60_000): { stop(): void } {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const queued = await enqueueDueSyncs();
      if (queued) log(`queued ${queued} tenant sync(s)`);
    } catch (error) {
      log(`sync scheduler tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), tickMs);
  return { stop: () => clearInterval(timer) };
}
