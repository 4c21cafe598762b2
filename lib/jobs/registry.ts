import "server-only";
import { nextUnfinishedRun } from "@/lib/data/provisioning";
import { env } from "@/lib/env";
import { executeRun } from "@/lib/provisioning";
import { syncCustomer } from "@/lib/sync/run";
import { provisioningApplyJob, type JobDefinition } from "./definitions";
import { syncCustomerJob } from "./sync-definitions";
import { driftCheck } from "./drift-schedule";
import { customerOffboard } from "./offboarding";

/** The engine as the apply job needs it; the job layer itself knows no engine. */
export const provisioningApply = provisioningApplyJob({ nextUnfinishedRun, executeRun });

/** One customer's tenant sync (lib/sync). */
export const syncCustomerDefinition = syncCustomerJob({
  syncCustomer: (data, signal) => syncCustomer({ workspaceId: data.workspaceId, customerId: data.customerId }, data.trigger, { intervalMinutes: env.SYNC_INTERVAL_MINUTES }, signal),
});

/** Every job this deployment runs; workers serve all of them. */
export const jobDefinitions: readonly JobDefinition[] = [
  provisioningApply as unknown as JobDefinition,
  syncCustomerDefinition as unknown as JobDefinition,
  driftCheck as unknown as JobDefinition,
  customerOffboard as unknown as JobDefinition,
];
