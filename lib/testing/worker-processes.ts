// Real `npm run worker` processes (lib/jobs/main.ts) for the rollout tests, in a database of the
// test file's own: real workers serve every job in their database, so they must never take
// another test file's jobs.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { dropDatabase, ensureDatabase, withDatabase } from "../launcher/embedded-postgres";
import { runPrismaCli } from "../launcher/prisma-cli";

const root = path.resolve(import.meta.dirname, "..", "..");

/** Creates and migrates `<test database>_<suffix>` and points this process (and its children) at it. */
export async function useOwnDatabase(suffix: string): Promise<{ drop(): Promise<void> }> {
  const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_${suffix}`;
  const url = withDatabase(process.env.DATABASE_URL!, name);
  await ensureDatabase(url, name);
  await runPrismaCli(root, ["migrate", "deploy"], url);
  process.env.DATABASE_URL = url;
  return { drop: () => dropDatabase(url, name) };
}

export class WorkerProcesses {
  private readonly children: ChildProcess[] = [];
  constructor(private readonly env: Record<string, string>) {}

  /** Starts one and resolves once it serves jobs. */
  async start(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/jobs/main.ts"], { cwd: root, env: { ...process.env, ...this.env }, stdio: ["ignore", "pipe", "pipe"] });
    this.children.push(child);
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("worker did not start")), 60_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        if (String(chunk).includes("worker ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
    return child;
  }

  async kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGKILL")));
  }

  async killAll(): Promise<void> {
    await Promise.all(this.children.map((c) => this.kill(c)));
    this.children.length = 0;
  }
}

export async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
