/**
 * Graph emulator figures with 50 concurrent clients (each its own keep-alive connection and
 * app-only token), against `emulator/main.ts` in its own process:
 *  1. provisioning: every client runs the Gatehouse recipe for a customer tenant
 *     (groups, connected organization, catalog, resources, packages, policies; ~25 calls);
 *  2. a request → approve life cycle per client through the control API;
 *  3. paging: 5,000 groups created over HTTP, then every client pages through all of them
 *     (page size 100 → 50 requests per client).
 * Prints throughput, latency percentiles and errors per phase.
 *
 *   npx tsx emulator/bench/graph-throughput.ts [--clients 50] [--groups 5000]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { provisionCustomer, type GraphCall } from "../graph/testing/provisioning.ts";
import type { LooseJson } from "../graph/testing/harness.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const CUSTOMERS = ["f751f8f2-154d-4e76-acbb-2dba45769137", "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7", "8d1854fa-d39e-4356-9c60-71d7910a534d"];
const ANALYSTS = ["alex@northwinddefense.com", "bailey@northwinddefense.com", "casey@northwinddefense.com"];

interface Response { status: number; body: LooseJson }

function client(base: string, ca: Buffer) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca });
  const latencies: number[] = [];
  let errors = 0;
  const send = (method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Response> => {
    const started = performance.now();
    return new Promise((resolveSend, reject) => {
      const req = request(new URL(path, base), { method, agent, headers: { ...headers, ...(body !== undefined ? { "content-length": Buffer.byteLength(body) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          latencies.push(performance.now() - started);
          const text = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 0) >= 400) errors++;
          resolveSend({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  };
  return {
    latencies, errors: () => errors, close: () => agent.destroy(),
    async token(tenantId: string): Promise<string> {
      const form = new URLSearchParams({ client_id: APP_ID, client_secret: "gatehouse-demo-client-secret", grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" }).toString();
      const r = await send("POST", `/${tenantId}/oauth2/v2.0/token`, form, { "content-type": "application/x-www-form-urlencoded" });
      return r.body.access_token as string;
    },
    graph(token: string): GraphCall {
      return (method, path, body) => send(method, path.replace(base, ""), body === undefined ? undefined : JSON.stringify(body), { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) });
    },
    control: (path: string, body: unknown) => send("POST", `/_emulator${path}`, JSON.stringify(body), { "content-type": "application/json" }),
  };
}

type Client = ReturnType<typeof client>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function phase(name: string, clients: Client[], work: (c: Client, i: number) => Promise<void>): Promise<void> {
  clients.forEach((c) => c.latencies.splice(0));
  const errorsBefore = clients.reduce((n, c) => n + c.errors(), 0);
  const started = performance.now();
  await Promise.all(clients.map(work));
  const seconds = (performance.now() - started) / 1000;
  const all = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
  const errors = clients.reduce((n, c) => n + c.errors(), 0) - errorsBefore;
  console.log(`${name.padEnd(34)} ${String(all.length).padStart(6)} calls  ${(all.length / seconds).toFixed(0).padStart(5)} req/s  p50 ${percentile(all, 50).toFixed(1)} ms  p95 ${percentile(all, 95).toFixed(1)} ms  p99 ${percentile(all, 99).toFixed(1)} ms  max ${(all.at(-1) ?? 0).toFixed(1)} ms  errors ${errors}  (${seconds.toFixed(2)} s)`);
}

function spawnEmulator(seedPath: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", "--port", "0", "--control", "--seed", seedPath], { cwd: ROOT, env: { ...process.env, EMULATOR_TRAFFIC_LOG: "", EMULATOR_FAULTS: "" } });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Emulator listening on (\S+)/.exec(out);
      if (match?.[1]) resolveStart({ child, url: match[1] });
    });
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

export async function run(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { clients: { type: "string", default: "50" }, groups: { type: "string", default: "5000" } }, strict: false });
  const clientCount = Number(values.clients);
  const groupCount = Number(values.groups);
  // The demo world, with the app consented in every customer tenant.
  const seed = JSON.parse(readFileSync(join(ROOT, "emulator/seed/demo.json"), "utf8")) as { consents: { tenantId: string; appId: string }[] };
  seed.consents.push(...CUSTOMERS.map((tenantId) => ({ tenantId, appId: APP_ID })));
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-"));
  const seedPath = join(dir, "seed.json");
  writeFileSync(seedPath, JSON.stringify(seed));
  const { child, url } = await spawnEmulator(seedPath);
  const ca = readFileSync(join(ROOT, ".data/emulator/ca.pem"));
  const clients = Array.from({ length: clientCount }, () => client(url, ca));
  try {
    console.log(`Graph emulator at ${url}: ${clientCount} concurrent clients (${process.platform}, node ${process.version})`);
    const tokens: string[] = [];
    await phase("client-credentials tokens", clients, async (c, i) => { tokens[i] = await c.token(CUSTOMERS[i % CUSTOMERS.length]!); });
    const provisioned: Awaited<ReturnType<typeof provisionCustomer>>[] = [];
    await phase("provisioning (recipe per client)", clients, async (c, i) => { provisioned[i] = await provisionCustomer(c.graph(tokens[i]!)); });
    await phase("request → approve life cycle", clients, async (c, i) => {
      const p = provisioned[i]!;
      const tenantId = CUSTOMERS[i % CUSTOMERS.length]!;
      await c.control(`/access-packages/${p.accessPackages.approvers}/requests`, { tenantId, userPrincipalName: "approver@northwinddefense.com" });
      const r = await c.control(`/access-packages/${p.accessPackages.tier1}/requests`, { tenantId, userPrincipalName: ANALYSTS[i % ANALYSTS.length], justification: "bench" });
      await c.control(`/approvals/${r.body.id}`, { approverUserPrincipalName: "approver@northwinddefense.com", decision: "Approve", justification: "bench" });
      await c.graph(tokens[i]!)("GET", "/v1.0/identityGovernance/entitlementManagement/assignments?$expand=target,accessPackage");
    });
    const pagingToken = await clients[0]!.token(CUSTOMERS[0]!);
    const perClient = Math.ceil(groupCount / clientCount);
    await phase(`create ${groupCount} groups`, clients, async (c, i) => {
      const call = c.graph(pagingToken);
      for (let n = 0; n < perClient; n++) await call("POST", "/v1.0/groups", { displayName: `Bench ${i}-${n}`, mailEnabled: false, mailNickname: `bench-${i}-${n}`, securityEnabled: true });
    });
    let pages = 0;
    await phase("page through all groups (each client)", clients, async (c) => {
      const call = c.graph(pagingToken);
      let link: string | undefined = "/v1.0/groups?$select=id,displayName";
      while (link) {
        const r = await call("GET", link);
        pages++;
        link = r.body["@odata.nextLink"];
      }
    });
    console.log(`paging: ${pages / clientCount} pages per client (server page size 100)`);
  } finally {
    clients.forEach((c) => c.close());
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().catch((error: unknown) => { console.error(error); process.exit(1); });
}
