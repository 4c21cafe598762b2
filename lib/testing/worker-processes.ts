// Worker child processes for the job tests: spawned like `npm run worker` (react-server
// conditions, tsx), their stderr passed through, each awaited until it logs "worker ready", and
// killed by the test that owns them.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface WorkerProcessesOptions {
  /** the worker's entry module, relative to the project root */
  entry: string;
  /** WORKER_JOB_TIMEOUT_SECONDS: how long a job's lease lasts before another worker may take it */
  leaseSeconds: number;
  /** how long a worker may take to log "worker ready" */
  readyTimeoutMs: number;
  /** how long `until` waits by default */
  waitTimeoutMs: number;
}

export function workerProcesses(options: WorkerProcessesOptions) {
  const children: ChildProcess[] = [];

  function start({ args = [], concurrency = 2 }: { args?: string[]; concurrency?: number } = {}): ChildProcess {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", options.entry, ...args], {
      cwd: root,
      env: { ...process.env, WORKER_JOB_TIMEOUT_SECONDS: String(options.leaseSeconds), WORKER_CONCURRENCY: String(concurrency), WORKER_DRAIN_SECONDS: "5" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    return child;
  }

  function ready(child: ChildProcess): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("worker did not start")), options.readyTimeoutMs);
      child.stdout?.on("data", (chunk: Buffer) => {
        if (String(chunk).includes("worker ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
  }

  /** Polls `read` until `done` holds; fails naming `what` and the last value. */
  async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = options.waitTimeoutMs): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Kills every worker still alive and waits for each to exit, so none serves the next test's jobs. */
  async function stopAll(): Promise<void> {
    const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(alive.map((child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGKILL")))));
    children.length = 0;
  }

  return { start, ready, until, stopAll };
}
