// Worker child processes for the job tests: spawned like `npm run worker` (react-server
// conditions, tsx), their stderr passed through, each awaited until it logs "worker ready", and
// killed by the test that owns them.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { dropDatabase, ensureDatabase, withDatabase } from "../launcher/embedded-postgres";
import { runPrismaCli } from "../launcher/prisma-cli";

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
  /** more settings for every worker (they win over the defaults above) */
  env?: Record<string, string>;
}

/**
 * Creates and migrates `<test database>_<suffix>` and points this process (and the workers it
 * starts) at it: real workers serve every job in their database, so they must never take another
 * test file's jobs.
 */
export async function useOwnDatabase(suffix: string): Promise<{ drop(): Promise<void> }> {
  const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_${suffix}`;
  const url = withDatabase(process.env.DATABASE_URL!, name);
  await ensureDatabase(url, name);
  await runPrismaCli(root, ["migrate", "deploy"], url);
  process.env.DATABASE_URL = url;
  return { drop: () => dropDatabase(url, name) };
}

export function workerProcesses(options: WorkerProcessesOptions) {
  const children: ChildProcess[] = [];

  function start({ args = [], concurrency = 2 }: { args?: string[]; concurrency?: number } = {}): ChildProcess {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", options.entry, ...args], {
      cwd: root,
      env: { ...process.env, WORKER_JOB_TIMEOUT_SECONDS: String(options.leaseSeconds), WORKER_CONCURRENCY: String(concurrency), WORKER_DRAIN_SECONDS: "5", ...options.env },
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

  /** Kills one worker (SIGKILL, as a crash would) and waits for it to exit. */
  async function kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGKILL")));
  }

  /** Kills every worker still alive and waits for each to exit, so none serves the next test's jobs. */
  async function stopAll(): Promise<void> {
    const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(alive.map((child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGKILL")))));
    children.length = 0;
  }

  return { start, ready, until, kill, stopAll };
}
