import "server-only";
import type PgBoss from "pg-boss";
import type { JobDefinition } from "./definitions";
import { createBoss, ensureQueues, POLL_SECONDS } from "./queue";

export interface WorkerSettings {
  connectionString: string;
  /** Jobs of each queue this process runs at once. */
  concurrency: number;
  jobTimeoutSeconds: number;
  drainSeconds: number;
  definitions: readonly JobDefinition[];
  log?: (line: string) => void;
}

export interface RunningWorker {
  /** Stops fetching, lets running jobs finish for the drain time, then hands the rest back. */
  stop(): Promise<void>;
  /** How many jobs are running in this process now. */
  active(): number;
}

/**
 * A job's handler is told to stop shortly before its lease ends, so it stops at a step boundary
 * instead of racing the retry pg-boss is about to allow elsewhere.
 */
export function leaseWarningMs(jobTimeoutSeconds: number): number {
  return Math.max(1000, jobTimeoutSeconds * 1000 - Math.min(10_000, jobTimeoutSeconds * 100));
}

export async function startWorker(settings: WorkerSettings): Promise<RunningWorker> {
  const log = settings.log ?? (() => undefined);
  const boss = createBoss({ connectionString: settings.connectionString, role: "worker", jobTimeoutSeconds: settings.jobTimeoutSeconds });
  // The message and code say what happened; the whole error drags the pg client's state into the log.
  boss.on("error", (error: Error & { code?: string }) => console.error(`[worker] job queue error: ${error.message}${error.code ? ` (${error.code})` : ""}`));
  await boss.start();
  await ensureQueues(boss, settings.definitions, settings.jobTimeoutSeconds);

  const running = new Map<string, AbortController>();
  for (const definition of settings.definitions) {
    // pg-boss runs one batch per work() loop at a time: `concurrency` loops of one job each bound
    // this process's parallel jobs, and every loop skips rows another worker has locked.
    for (let i = 0; i < (definition.concurrency ?? settings.concurrency); i++) {
      let loop = "";
      loop = await boss.work(definition.name, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async (jobs: PgBoss.Job[]) => {
        try {
          return await runJob(definition, jobs, running, settings.jobTimeoutSeconds, log);
        } finally {
          // pg-boss waits out the poll interval after every job, capping a loop at one job a
          // second; a loop that just ran one asks for the next at once (short jobs: drift checks).
          if (loop) boss.notifyWorker(loop);
        }
      });
    }
  }
  log(`worker ready: ${settings.definitions.map((d) => `${d.name} × ${d.concurrency ?? settings.concurrency}`).join(", ")}`);

  let stopping: Promise<void> | undefined;
  return {
    active: () => running.size,
    stop() {
      stopping ??= (async () => {
        log(`draining ${running.size} running job(s), up to ${settings.drainSeconds} s`);
        // After the drain time, ask what still runs to stop at its next step boundary; pg-boss
        // then marks it failed, so it is retried (and resumed) by another worker.
        const abortTimer = setTimeout(() => {
          for (const controller of running.values()) controller.abort(new Error("worker shutting down"));
        }, settings.drainSeconds * 1000);
        try {
          await boss.stop({ graceful: true, wait: true, close: true, timeout: settings.drainSeconds * 1000 + 10_000 });
        } finally {
          clearTimeout(abortTimer);
        }
        log("worker stopped");
      })();
      return stopping;
    },
  };
}

async function runJob(
  definition: JobDefinition,
  jobs: PgBoss.Job[],
  running: Map<string, AbortController>,
  jobTimeoutSeconds: number,
  log: (line: string) => void,
): Promise<unknown> {
  const [job] = jobs;
  if (!job) return undefined;
  const parsed = definition.schema.safeParse(job.data);
  // A job that does not match its schema was sent by a bug: fail it visibly.
  if (!parsed.success) throw new Error(`job ${job.id} of ${definition.name} has invalid data: ${parsed.error.message}`);
  const controller = new AbortController();
  running.set(job.id, controller);
  const lease = setTimeout(() => controller.abort(new Error("job lease ending")), leaseWarningMs(jobTimeoutSeconds));
  const started = Date.now();
  try {
    const result = await definition.handler(parsed.data, { jobId: job.id, signal: controller.signal });
    log(`${definition.name} ${job.id} done in ${Date.now() - started} ms`);
    return result;
  } catch (error) {
    log(`${definition.name} ${job.id} failed after ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    clearTimeout(lease);
    running.delete(job.id);
  }
}
