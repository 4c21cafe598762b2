// `npm run worker`: runs the job workers alone (npm start also starts one next to the portal).
// Any number of these may run against one database; see README "Scale-out".
import { env } from "@/lib/env";
import { startSyncScheduler } from "@/lib/sync/requests";
import { dueDriftChecks, driftCheck } from "./drift-schedule";
import { enqueue } from "./enqueue";
import { requeueUnfinishedRuns } from "./provisioning-requests";
import { jobDefinitions } from "./registry";
import { requeueActiveRollouts } from "./rollout-requeue";
import { startWorker } from "./worker";

const log = (line: string) => console.log(`[worker] ${line}`);

async function main(): Promise<void> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: the worker needs the portal's PostgreSQL.");
  const worker = await startWorker({
    connectionString: env.DATABASE_URL,
    concurrency: env.WORKER_CONCURRENCY,
    jobTimeoutSeconds: env.WORKER_JOB_TIMEOUT_SECONDS,
    drainSeconds: env.WORKER_DRAIN_SECONDS,
    definitions: jobDefinitions,
    log,
  });
  const requeued = await requeueUnfinishedRuns();
  if (requeued) log(`re-queued unfinished provisioning of ${requeued} customer(s)`);
  const rollouts = await requeueActiveRollouts();
  if (rollouts) log(`re-queued ${rollouts} unfinished blueprint rollout(s)`);
  // A rollout whose job ran out of retries must not stall until the next worker start.
  const rolloutTimer = setInterval(() => void requeueActiveRollouts().catch((error: unknown) => console.error("[worker] rollout re-queue failed", error)), 5 * 60_000);
  rolloutTimer.unref();
  // Tenant syncs are due by customer (CustomerSync.nextSyncAt); every worker ticks, singleton keys dedupe.
  const scheduler = startSyncScheduler(log);
  // Drift: every 15 minutes, queue a check for each customer not checked within the interval.
  const scheduleDrift = async () => {
    const due = await dueDriftChecks(env.DRIFT_CHECK_INTERVAL_HOURS);
    for (const data of due) await enqueue(driftCheck, data);
    if (due.length) log(`queued drift checks of ${due.length} customer(s)`);
  };
  const driftTimer = setInterval(() => void scheduleDrift().catch((error: unknown) => console.error("[worker] drift schedule failed", error)), 15 * 60_000);
  driftTimer.unref();
  void scheduleDrift().catch((error: unknown) => console.error("[worker] drift schedule failed", error));
  let exiting = false;
  const drain = (signal: string) => {
    // Ctrl-C reaches every process of the group and the launcher then sends SIGTERM too: one
    // drain serves both. SIGKILL remains the way to stop at once (the lease hands the jobs on).
    if (exiting) return;
    exiting = true;
    clearInterval(driftTimer);
    clearInterval(rolloutTimer);
    log(`${signal}: stopping`);
    scheduler.stop();
    worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[worker] stop failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => drain("SIGTERM"));
  process.on("SIGINT", () => drain("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
