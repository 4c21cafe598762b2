import "server-only";
import { nextUnfinishedRun } from "@/lib/data/provisioning";
import { env } from "@/lib/env";
import { executeRun } from "@/lib/provisioning";
import { syncCustomer } from "@/lib/sync/run";
import { provisioningApplyJob, type JobDefinition } from "./definitions";
import { syncCustomerJob } from "./sync-definitions";
import { driftCheck } from "./drift-schedule";
import { customerOffboard } from "./offboarding";
import { tickRollout } from "@/lib/rollout/tick";
import { blueprintRolloutJob, rolloutSliceMs } from "./rollout";

/** The engine as the apply job needs it; the job layer itself knows no engine. */
export const provisioningApply = provisioningApplyJob({ nextUnfinishedRun, executeRun });

/** One customer's tenant sync (lib/sync). */
export const syncCustomerDefinition = syncCustomerJob({
  syncCustomer: (data, signal) => syncCustomer({ workspaceId: data.workspaceId, customerId: data.customerId }, data.trigger, { intervalMinutes: env.SYNC_INTERVAL_MINUTES }, signal),
});

/** A blueprint rollout across the fleet (lib/rollout), driven in slices. */
export const blueprintRollout = blueprintRolloutJob({
  tick: (rolloutId) => tickRollout(rolloutId),
  requeue: async (data) => (await import("./enqueue")).enqueue(blueprintRollout, data),
  sliceMs: rolloutSliceMs(env.WORKER_JOB_TIMEOUT_SECONDS),
});

/** Every job this deployment runs; workers serve all of them. */
export const jobDefinitions: readonly JobDefinition[] = [
  provisioningApply as unknown as JobDefinition,
  syncCustomerDefinition as unknown as JobDefinition,
  driftCheck as unknown as JobDefinition,
  customerOffboard as unknown as JobDefinition,
  blueprintRollout as unknown as JobDefinition,
];
