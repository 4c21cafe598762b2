/**
 * Emulator figures: start-up time (cold = empty data dir, so a CA, a certificate and an
 * RSA signing key are generated; warm = reused) and 50 concurrent clients each doing
 * client-credentials token requests and `GET /v1.0/organization`.
 *
 *   npx tsx emulator/bench/startup-and-clients.ts [--clients 50] [--seconds 10]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const SECRET = "gatehouse-demo-client-secret";
const TENANTS = ["74361f78-e191-4c87-ac08-85e9f5f72879"];
const ROOT = resolve(import.meta.dirname, "..", "..");

interface Started {
  child: ChildProcess;
  url: string;
  listeningMs: number;
}

/** Spawns `emulator/main.ts` as `npm run emulator` would and times it until it prints its URL. */
function spawnEmulator(dataDir: string): Promise<Started> {
  const started = performance.now();
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", "--port", "0", "--data-dir", dataDir], { cwd: ROOT, env: { ...process.env, EMULATOR_TRAFFIC_LOG: "" } });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Emulator listening on (\S+)/.exec(out);
      if (match?.[1]) resolveStart({ child, url: match[1], listeningMs: performance.now() - started });
    });
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    child.removeAllListeners("exit");
    child.once("exit", () => r());
    child.kill("SIGTERM");
  });
}

interface Reply {
  status: number;
  body: string;
}

function call(agent: Agent, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolveCall, reject) => {
    const req = request(url, { agent, method: init.method ?? "GET", headers: init.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolveCall({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(name: string, samples: number[], errors: number, seconds: number): string {
  const s = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(7);
  return `${name.padEnd(22)} n=${String(s.length).padStart(6)}  ${(s.length / seconds).toFixed(0).padStart(5)}/s  p50=${f(percentile(s, 50))}  p95=${f(percentile(s, 95))}  p99=${f(percentile(s, 99))}  max=${f(s[s.length - 1] ?? NaN)} ms  errors=${errors}`;
}

async function startupFigures(): Promise<void> {
  const coldDir = mkdtempSync(join(tmpdir(), "emulator-bench-"));
  const cold = await spawnEmulator(coldDir);
  await stop(cold.child);
  const warm = await spawnEmulator(coldDir);
  const agent = new Agent({ ca: readFileSync(join(coldDir, "ca.pem")) });
  const first = await call(agent, `${warm.url}/common/v2.0/.well-known/openid-configuration`);
  await stop(warm.child);
  agent.destroy();
  rmSync(coldDir, { recursive: true, force: true });
  console.log(`start-up (process spawn → "listening"): cold ${cold.listeningMs.toFixed(0)} ms (generates CA, certificate, RSA key), warm ${warm.listeningMs.toFixed(0)} ms; first discovery request: ${first.status}`);

  // In-process, as tests start it: module loading excluded, certificates reused.
  const { startEmulator } = await import("../server.ts");
  const t = performance.now();
  const inProcess = await startEmulator({ seed: join(ROOT, "emulator/seed/demo.json"), port: 0, quiet: true, dataDir: join(ROOT, ".data", "emulator") });
  const inProcessMs = performance.now() - t;
  await inProcess.close();
  console.log(`start-up in-process (startEmulator, modules already loaded): ${inProcessMs.toFixed(0)} ms`);
}

async function loadFigures(clients: number, seconds: number): Promise<void> {
  const dataDir = join(ROOT, ".data", "emulator");
  const emulator = await spawnEmulator(dataDir);
  const ca = readFileSync(join(dataDir, "ca.pem"));
  const tokenMs: number[] = [];
  const graphMs: number[] = [];
  let tokenErrors = 0;
  let graphErrors = 0;
  const statuses = new Map<string, number>();
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();

  const client = async (index: number) => {
    // Each client has its own keep-alive connection, like separate processes would.
    const agent = new Agent({ ca, keepAlive: true, maxSockets: 1 });
    const tenant = TENANTS[index % TENANTS.length]!;
    while (performance.now() < deadline) {
      let t = performance.now();
      let token: string | undefined;
      try {
        const reply = await call(agent, `${emulator.url}/${tenant}/oauth2/v2.0/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "client_credentials", client_id: APP_ID, client_secret: SECRET, scope: "https://graph.microsoft.com/.default" }).toString(),
        });
        tokenMs.push(performance.now() - t);
        if (reply.status === 200) token = (JSON.parse(reply.body) as { access_token: string }).access_token;
        else {
          tokenErrors++;
          statuses.set(`token ${reply.status}`, (statuses.get(`token ${reply.status}`) ?? 0) + 1);
        }
      } catch {
        tokenErrors++;
      }
      if (!token) continue;
      t = performance.now();
      try {
        const reply = await call(agent, `${emulator.url}/v1.0/organization`, { headers: { authorization: `Bearer ${token}` } });
        graphMs.push(performance.now() - t);
        if (reply.status !== 200) {
          graphErrors++;
          statuses.set(`graph ${reply.status}`, (statuses.get(`graph ${reply.status}`) ?? 0) + 1);
        }
      } catch {
        graphErrors++;
      }
    }
    agent.destroy();
  };

  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const elapsed = (performance.now() - started) / 1000;
  await stop(emulator.child);
  console.log(`${clients} concurrent clients for ${elapsed.toFixed(1)} s (emulator in its own process):`);
  console.log(`  ${summary("POST token (cc)", tokenMs, tokenErrors, elapsed)}`);
  console.log(`  ${summary("GET /v1.0/organization", graphMs, graphErrors, elapsed)}`);
  if (statuses.size > 0) console.log(`  non-200 answers: ${[...statuses].map(([k, v]) => `${k}×${v}`).join(", ")}`);
}

export async function run(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { clients: { type: "string" }, seconds: { type: "string" } }, strict: false });
  console.log("== emulator: start-up and concurrency ==");
  await startupFigures();
  await loadFigures(Number(values.clients ?? 50), Number(values.seconds ?? 10));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
