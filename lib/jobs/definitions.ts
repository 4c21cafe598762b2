import "server-only";
import { z } from "zod";

/** What a handler gets besides its data. */
export interface JobContext {
  jobId: string;
  /** Aborted when the worker drains on shutdown or the job's lease is about to end. */
  signal: AbortSignal;
}

/** pg-boss queue options a definition chooses deliberately (the lease is global: WORKER_JOB_TIMEOUT_SECONDS). */
export interface QueueOptions {
  policy: "standard" | "short";
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
}

/**
 * A job is `{ name, schema, handler }`. Handlers must be safe to run twice and to overlap: a
 * retried job may start while the first attempt is still ending somewhere else.
 */
export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  schema: Schema;
  queue: QueueOptions;
  /** Jobs with the same key wait as one: at most one is queued per key ("short" policy). */
  singletonKey?: (data: z.infer<Schema>) => string;
  handler: (data: z.infer<Schema>, context: JobContext) => Promise<unknown>;
  /** Jobs of this queue a worker process runs at once, when not the worker's own concurrency. */
  concurrency?: number;
}

export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}

/** A handler that wants to be tried again later says so; pg-boss retries with backoff. */
export class RetryLaterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryLaterError";
  }
}

export const provisioningApplySchema = z.strictObject({
  workspaceId: z.uuid(),
  customerId: z.uuid(),
});
export type ProvisioningApplyData = z.infer<typeof provisioningApplySchema>;

export interface ProvisioningApplyDeps {
  /** The oldest run of the customer that is queued or was interrupted while running; null when none. */
  nextUnfinishedRun(data: ProvisioningApplyData): Promise<string | null>;
  /** The engine: resumable, holds the customer's advisory lock while it writes. */
  executeRun(runId: string, options: { signal: AbortSignal }): Promise<string>;
}

export const PROVISIONING_APPLY = "provisioning-apply";

/**
 * "Bring this customer's pending runs to an end." The job names the customer, not a run, so a
 * retried job (its worker died) resumes the interrupted run, and runs requested while a job was
 * queued are served by that one job. One waiting job per customer ("short" + singletonKey);
 * exclusion while writing comes from the engine's advisory lock, which holds across workers even
 * when a lease expires under a slow but live worker.
 */
export function provisioningApplyJob(deps: ProvisioningApplyDeps) {
  return defineJob({
    name: PROVISIONING_APPLY,
    schema: provisioningApplySchema,
    // Retries are for crashes (an expired lease) and infrastructure faults only: the engine records
    // Graph failures as the run's outcome and returns. The first retry comes 2–4 s after the
    // lease ends, so a crash costs little more than the lease; 8 retries with doubling backoff
    // span 8–17 minutes, enough for a database failover. An exhausted job is not silent: its run
    // stays unfinished on the customer page, and the next worker start re-queues it.
    queue: { policy: "short", retryLimit: 8, retryDelay: 2, retryBackoff: true },
    singletonKey: (data) => data.customerId,
    async handler(data, { signal }) {
      const finished: Record<string, string> = {};
      for (;;) {
        const runId = await deps.nextUnfinishedRun(data);
        if (!runId) return { runs: finished };
        // The same run again means the engine returned without finishing it: someone else holds
        // the customer's lock. Try later rather than spin.
        if (runId in finished) throw new RetryLaterError(`run ${runId} is still being applied elsewhere`);
        finished[runId] = await deps.executeRun(runId, { signal });
        if (signal.aborted) throw new RetryLaterError("the worker stopped before the run ended; it resumes on retry");
      }
    },
  });
}

export const driftCheckSchema = z.strictObject({
  workspaceId: z.uuid(),
  customerId: z.uuid(),
  trigger: z.enum(["schedule", "manual"]),
});
export type DriftCheckData = z.infer<typeof driftCheckSchema>;

export const DRIFT_CHECK = "drift-check";

/**
 * "Observe this customer's tenant and compare it with the blueprint" (issue 11), stored as a
 * DriftCheck; with the blueprint's autoRepairHighDrift, high drift is repaired in the same job.
 * A check only reads, so running it twice costs requests and nothing else; one waiting job per
 * customer.
 */
export function driftCheckJob(deps: { runDriftCheck(data: DriftCheckData): Promise<unknown>; concurrency?: number }) {
  return defineJob({
    name: DRIFT_CHECK,
    // Checks only read, a few requests each: DRIFT_CHECK_CONCURRENCY of them per worker, apart
    // from the provisioning applies' WORKER_CONCURRENCY.
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    schema: driftCheckSchema,
    // The next scheduled round retries anyway; a few quick retries cover a database blip.
    queue: { policy: "short", retryLimit: 3, retryDelay: 5, retryBackoff: true },
    singletonKey: (data) => data.customerId,
    handler: (data) => deps.runDriftCheck(data),
  });
}
