// The real thing: `npm run worker` processes (node --conditions=react-server --import tsx
// lib/jobs/main.ts) running the real engine against the emulator. One is killed mid-apply; the
// tenant still ends with exactly one of every object.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, APP_SECRET, MSSP_TENANT } from "../../emulator/entra/test-helpers.ts";
import { startEmulator } from "../../emulator/server.ts";
import { dropDatabase, ensureDatabase, withDatabase } from "../launcher/embedded-postgres";
import { runPrismaCli } from "../launcher/prisma-cli";
import type { db as Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { workerProcesses } from "@/lib/testing/worker-processes";
import type { requestProvisioning as RequestProvisioning } from "./provisioning-requests";

const root = path.resolve(import.meta.dirname, "..", "..");
const LEASE_SECONDS = 8;

interface SeedTenant { id: string; displayName: string; domains: string[]; users: { id: string; userPrincipalName: string }[] }
interface Seed { tenants: SeedTenant[]; consents: { tenantId: string; appId: string }[] }

/** The demo seed plus fresh copies of Contoso, so this file shares no tenant with other tests. */
function seedWithTenants(count: number): { seed: Seed; tenants: { id: string; domain: string; adminId: string }[] } {
  const seed = JSON.parse(readFileSync(path.join(root, "emulator/seed/demo.json"), "utf8")) as Seed;
  const contoso = seed.tenants.find((t) => t.displayName === "Contoso")!;
  const tenants = Array.from({ length: count }, (_, i) => {
    const tag = randomUUID().slice(0, 8);
    const domain = `jobs${i}-${tag}.example`;
    const copy: SeedTenant = JSON.parse(JSON.stringify(contoso).replaceAll("contoso.com", domain).replaceAll("contoso.onmicrosoft.com", `jobs${i}${tag}.onmicrosoft.com`));
    copy.id = randomUUID();
    copy.displayName = `Jobs ${i}`;
    for (const user of copy.users) user.id = randomUUID();
    seed.tenants.push(copy);
    seed.consents.push({ tenantId: copy.id, appId: APP_ID });
    return { id: copy.id, domain, adminId: copy.users[0]!.id };
  });
  return { seed, tenants };
}

const { seed, tenants } = seedWithTenants(3);
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let db: typeof Db;
let requestProvisioning: typeof RequestProvisioning;
let admin: CurrentUser;
let ownDatabase: { url: string; name: string } | undefined;
const workers = workerProcesses({ entry: "lib/jobs/main.ts", leaseSeconds: LEASE_SECONDS, readyTimeoutMs: 60_000, waitTimeoutMs: 60_000 });
const { ready, until } = workers;
const startWorker = () => workers.start();

async function consentedCustomer(tenant: (typeof tenants)[number]): Promise<string> {
  const customer = await db.customer.create({
    data: {
      workspaceId: admin.workspace.id,
      displayName: tenant.domain,
      primaryDomain: tenant.domain,
      tenantId: tenant.id,
      status: "consented",
      consentedAt: new Date(),
      consentGrantedByObjectId: tenant.adminId,
      consentGrantedByName: "Global Admin",
    },
    select: { id: true },
  });
  return customer.id;
}

const apply = (customerId: string) =>
  requestProvisioning({ workspaceId: admin.workspace.id, customerId, trigger: "manual", requestedById: admin.id, actor: "system" });
const run = (id: string) => db.provisioningRun.findUniqueOrThrow({ where: { id }, select: { status: true, stepsDone: true, stepsTotal: true, errorMessage: true } });
const counts = (tenantId: string) => emulator.graph.state.tenant(tenantId).counts();

beforeAll(async () => {
  // Real workers serve every provisioning job in their database: this file gets a database of
  // its own, so they never run the jobs other test files queue (a consent test's, say).
  const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_workers`;
  ownDatabase = { url: withDatabase(process.env.DATABASE_URL!, name), name };
  await ensureDatabase(ownDatabase.url, name);
  await runPrismaCli(root, ["migrate", "deploy"], ownDatabase.url);
  process.env.DATABASE_URL = ownDatabase.url;
  emulator = await startEmulator({ seed: seed as never, port: 0, quiet: true });
  // Workers inherit this environment; lib/env in this process reads it on first import below.
  Object.assign(process.env, { ENTRA_AUTHORITY_HOST: emulator.url, GRAPH_BASE_URL: emulator.url, ENTRA_CLIENT_ID: APP_ID, ENTRA_CLIENT_SECRET: APP_SECRET });
  db = (await import("@/lib/db")).db;
  requestProvisioning = (await import("./provisioning-requests")).requestProvisioning;
  const fixtures = await import("@/lib/testing/fixtures");
  admin = await fixtures.createWorkspaceUser("admin", "Northwind Defense");
  // The seed's MSSP: its domain resolves to its tenant, as the connected organization requires.
  // (This file's own database holds no other workspace for that tenant.)
  await db.workspace.update({ where: { id: admin.workspace.id }, data: { tenantId: MSSP_TENANT, primaryDomain: "northwinddefense.com" } });
}, 120_000);

afterEach(workers.stopAll);
afterAll(async () => {
  await workers.stopAll();
  await emulator?.close();
  await (await import("./queue")).stopProducer();
  await db?.$disconnect();
  if (ownDatabase) await dropDatabase(ownDatabase.url, ownDatabase.name);
});

describe("workers running the engine against the emulator", () => {
  it("a killed worker's apply is picked up by another and converges with no duplicate object", async () => {
    // A reference tenant applied without interruption.
    const [reference, victim] = [await consentedCustomer(tenants[0]!), await consentedCustomer(tenants[1]!)];
    const first = startWorker();
    await ready(first);
    const referenceRun = await apply(reference);
    await until("the reference run", () => run(referenceRun.runId), (r) => r.status === "succeeded");

    // Slow Graph down so the kill lands mid-apply.
    emulator.graph.faults.configure([{ latencyMs: 150 }]);
    const victimRun = await apply(victim);
    await until("a few steps", () => run(victimRun.runId), (r) => r.stepsDone >= 3);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const interrupted = await run(victimRun.runId);
    expect(interrupted.status).toBe("running");
    expect(interrupted.stepsDone).toBeLessThan(interrupted.stepsTotal);

    const second = startWorker();
    await ready(second);
    const finished = await until("the resumed run", () => run(victimRun.runId), (r) => r.status !== "running" && r.status !== "queued", 90_000);
    expect(finished).toMatchObject({ status: "succeeded", errorMessage: null });
    expect(counts(tenants[1]!.id)).toEqual(counts(tenants[0]!.id));
    expect(counts(tenants[1]!.id).groups).toBe(3);
    expect(await db.customer.findUniqueOrThrow({ where: { id: victim }, select: { status: true } })).toEqual({ status: "active" });
    emulator.graph.faults.configure([]);
  }, 180_000);

  it("two workers never apply one customer at once", async () => {
    const customer = await consentedCustomer(tenants[2]!);
    const pair = [startWorker(), startWorker()];
    await Promise.all(pair.map(ready));
    emulator.graph.faults.configure([{ latencyMs: 50 }]);
    // Requests from every side at once join one run; later ones queue behind it.
    const requests = await Promise.all(Array.from({ length: 6 }, () => apply(customer)));
    expect(new Set(requests.map((r) => r.runId)).size).toBe(1);
    await until("the run", () => run(requests[0]!.runId), (r) => r.status === "succeeded");
    const again = await Promise.all(Array.from({ length: 4 }, () => apply(customer)));
    await until("the second run", () => run(again[0]!.runId), (r) => r.status === "succeeded");

    const runs = await db.provisioningRun.findMany({ where: { customerId: customer }, select: { startedAt: true, finishedAt: true }, orderBy: { startedAt: "asc" } });
    expect(runs).toHaveLength(2);
    // Intervals of the runs never overlap, and the tenant holds one of each object.
    expect(runs[1]!.startedAt!.getTime()).toBeGreaterThanOrEqual(runs[0]!.finishedAt!.getTime());
    expect(counts(tenants[2]!.id)).toEqual(counts(tenants[0]!.id));
    emulator.graph.faults.configure([]);
  }, 180_000);
});
