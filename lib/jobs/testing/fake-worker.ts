// A worker process exactly like `npm run worker` (same startWorker, lease, drain and signals)
// whose apply job drives the fake engine: the job-layer tests spawn and kill it.
import { env } from "@/lib/env";
import { provisioningApplyJob, type JobDefinition } from "../definitions";
import { startWorker } from "../worker";
import { FAKE_QUEUE, fakeEngine } from "./fake-engine";

const url = env.DATABASE_URL!;
const stepMs = Number(process.argv[2] ?? "100");
const worker = await startWorker({
  connectionString: url,
  concurrency: env.WORKER_CONCURRENCY,
  jobTimeoutSeconds: env.WORKER_JOB_TIMEOUT_SECONDS,
  drainSeconds: env.WORKER_DRAIN_SECONDS,
  definitions: [{ ...provisioningApplyJob(fakeEngine(url, stepMs)), name: FAKE_QUEUE } as unknown as JobDefinition],
  log: (line) => console.log(`[fake-worker ${process.pid}] ${line}`),
});
const stop = () => void worker.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
