import "server-only";
import { z } from "zod";
import { defineJob } from "./definitions";

export const syncCustomerSchema = z.strictObject({
  workspaceId: z.uuid(),
  customerId: z.uuid(),
  trigger: z.enum(["schedule", "manual", "retry"]),
});
export type SyncCustomerData = z.infer<typeof syncCustomerSchema>;

export const SYNC_CUSTOMER = "sync-customer";

export interface SyncCustomerDeps {
  syncCustomer(data: SyncCustomerData, signal: AbortSignal): Promise<{ status: string; failure?: { code: string; reason: string } }>;
}

/**
 * "Pull this customer's tenant now." One waiting job per customer. A Graph or token failure is
 * the run's recorded outcome, not a job failure: the customer's own backoff (CustomerSync.nextSyncAt)
 * decides when the scheduler tries again, so one failing tenant never holds a queue slot in retries.
 * Job retries cover crashes only; the write is one transaction, so a retried sync starts clean.
 */
export function syncCustomerJob(deps: SyncCustomerDeps) {
  return defineJob({
    name: SYNC_CUSTOMER,
    schema: syncCustomerSchema,
    queue: { policy: "short", retryLimit: 3, retryDelay: 5, retryBackoff: true },
    singletonKey: (data) => data.customerId,
    async handler(data, { signal }) {
      return deps.syncCustomer(data, signal);
    },
  });
}
