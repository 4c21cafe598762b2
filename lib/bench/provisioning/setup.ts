/**
 * The benchmark's surroundings: the emulator in its own process (100 ms per Graph call), a
 * fresh migrated database on DATABASE_URL's server, and the environment lib/ reads at import.
 * Run under `node --conditions=react-server` (lib/ modules import "server-only") with
 * NODE_EXTRA_CA_CERTS pointing at the emulator's CA (emulator/bench/run.ts does both).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Seed } from "../../../emulator/store/seed.ts";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from "../../launcher/embedded-postgres.ts";
import { runPrismaCli } from "../../launcher/prisma-cli.ts";
import { freePort } from "../../launcher/ports.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..", "..");
export const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
export const APP_SECRET = "gatehouse-demo-client-secret";

export interface TrafficEntry { seq: number; time: string; method: string; path: string; status: number; batchId?: string; responseHeaders: Record<string, string> }

export interface Emulator {
  url: string;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Graph calls since the cursor (the emulator keeps the last 5,000) */
  traffic(since: number): Promise<{ entries: TrafficEntry[]; cursor: number }>;
  stop(): void;
}

/** The emulator as a separate process, every Graph call answered after `latencyMs`. */
export async function startEmulatorProcess(seed: Seed, latencyMs: number): Promise<Emulator> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-prov-bench-"));
  const seedPath = join(dir, "seed.json");
  writeFileSync(seedPath, JSON.stringify(seed));
  const faults = JSON.stringify([{ latencyMs }]);
  const { child, url } = await new Promise<{ child: ChildProcess; url: string }>((resolveStart, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", "--port", "0", "--control", "--seed", seedPath], {
      cwd: ROOT,
      env: { ...process.env, EMULATOR_TRAFFIC_LOG: "", EMULATOR_FAULTS: faults, EMULATOR_REPLICATION_LAG_MS: "" },
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Emulator listening on (\S+)/.exec(out);
      if (match?.[1]) resolveStart({ child, url: match[1] });
    });
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_emulator${path}`, { method, headers: { "content-type": "application/json" }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`control ${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };
  return {
    url,
    control,
    traffic: (since) => control("GET", `/traffic?since=${since}`),
    stop: () => {
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}


/**
 * A database of its own, migrated with the real Prisma CLI: on DATABASE_URL's server when it
 * is set, else on an embedded PostgreSQL started for the run (as the test setup does).
 */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  let server = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-pg-"));
    chmodSync(dir, 0o755);
    // A throw-away server: its password lives only as long as this run.
    const embedded = await startEmbeddedPostgres({ dataDir: join(dir, "data"), port: await freePort(), password: randomBytes(18).toString("base64url") });
    server = embedded.urlFor("postgres");
    stopServer = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `gatehouse_bench_${randomBytes(5).toString("hex")}`;
  const url = withDatabase(server, name);
  await ensureDatabase(url, name);
  await runPrismaCli(ROOT, ["migrate", "deploy"], url);
  return {
    url,
    drop: async () => {
      await dropDatabase(url, name);
      await stopServer();
    },
  };
}

/** What lib/env reads, pointing Gatehouse at the emulator; set before lib/ is imported. */
export function pointGatehouseAt(emulatorUrl: string, databaseUrl: string): void {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    // A redirect URI the demo app registration lists (the callback is called in-process, nothing listens there).
    AUTH_URL: "http://localhost:3000",
    AUTH_SECRET: "benchmark-secret-that-is-long-enough-for-auth",
    ENTRA_AUTHORITY_HOST: emulatorUrl,
    GRAPH_BASE_URL: emulatorUrl,
    ENTRA_CLIENT_ID: APP_ID,
    ENTRA_CLIENT_SECRET: APP_SECRET,
  });
}
