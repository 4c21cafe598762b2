/**
 * The provisioning benchmark (issue 10), with the emulator answering every Graph call after
 * 100 ms:
 *  1. a fresh tenant: Graph reads, writes, round trips; wall time against the critical path
 *     (observe + the longest chain of dependent steps, each as long as it really took);
 *  2. a no-change re-run and 3. a one-object repair: the same counts;
 *  4. a fresh tenant with 2 s replication lag (objects created once, none twice);
 *  5. 50 tenants through the real job worker at the default concurrency;
 *  6. the customer admin's Accept click on Microsoft's consent page to "Ready";
 *  7. drift (bench/provisioning/drift.ts): check, repair, and a check of 200 tenants.
 *  8. offboarding time per tenant (bench/provisioning/offboarding.ts).
 *
 *   node --conditions=react-server --import tsx bench/provisioning/main.ts [--tenants 50] [--latency 100] [--drift-tenants 200] [--only drift]
 * (`--only drift`: the drift section alone; its tenants are provisioned first, unmeasured.)
 * (emulator/bench/run.ts starts it that way, with NODE_EXTRA_CA_CERTS and DATABASE_URL.)
 */
import { parseArgs } from "node:util";
import { Browser, interactionId, signIn } from "../../../emulator/entra/test-helpers.ts";
import { loadGatehouse, type Gatehouse } from "./gatehouse.ts";
import { countTraffic, formatCounts, longestChainMs, percentile, seconds, type TimedStep } from "./measure.ts";
import { APP_ID, APP_SECRET, createDatabase, pointGatehouseAt, ROOT, startEmulatorProcess, type Emulator, type TrafficEntry } from "./setup.ts";
import { benchWorld, type BenchTenant } from "./world.ts";
import { driftBench } from "./drift.ts";
import { offboardTenants } from "./offboarding.ts";

const EM = "/v1.0/identityGovernance/entitlementManagement";

async function cursorOf(emulator: Emulator): Promise<number> {
  return (await emulator.traffic(Number.MAX_SAFE_INTEGER)).cursor;
}

/** One run of the engine for a customer, with the Graph traffic it caused. */
async function measuredRun(g: Gatehouse, emulator: Emulator, customerId: string, label: string) {
  const before = await cursorOf(emulator);
  const runId = await g.engine.createRun({ workspaceId: g.workspace.id, customerId, trigger: "manual", requestedById: g.admin.id });
  const started = performance.now();
  const status = await g.engine.executeRun(runId);
  const wallMs = performance.now() - started;
  const entries = (await emulator.traffic(before)).entries;
  const traffic = countTraffic(entries);
  console.log(`${label.padEnd(22)} ${status.padEnd(9)} ${seconds(wallMs).padStart(8)}  ${formatCounts(traffic)}`);
  if (status !== "succeeded") {
    const run = await g.db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { errorMessage: true, attentionReason: true } });
    console.log(`  ! ${run.attentionReason ?? run.errorMessage ?? "no reason recorded"}`);
  }
  return { runId, status, wallMs, traffic, entries };
}

async function criticalPath(g: Gatehouse, runId: string, dependsOn: Map<string, string[]>, traffic: TrafficEntry[]) {
  const run = await g.db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true, finishedAt: true } });
  const rows = await g.db.provisioningStep.findMany({ where: { runId }, select: { key: true, startedAt: true, finishedAt: true, requestIds: true } });
  const timed: TimedStep[] = rows.filter((r) => r.startedAt && r.finishedAt).map((r) => ({ key: r.key, dependsOn: dependsOn.get(r.key) ?? [], startedAt: r.startedAt!.getTime(), finishedAt: r.finishedAt!.getTime() }));
  const runStart = run.startedAt!.getTime();
  const runEnd = run.finishedAt!.getTime();
  const firstStep = Math.min(...timed.map((s) => s.startedAt));
  const lastStep = Math.max(...timed.map((s) => s.finishedAt));
  const chain = longestChainMs(timed);
  const before = firstStep - runStart;
  const after = runEnd - lastStep;
  // The same path counted in Graph round trips: what observe sent before the first step, and
  // the calls each step on the chain made (matched by the request ids the step recorded).
  const wire = traffic.filter((e) => !e.batchId);
  const observeTrips = wire.filter((e) => Date.parse(e.time) < firstStep).length;
  const idsOf = new Map(rows.map((r) => [r.key, new Set(r.requestIds)]));
  const chainTrips = chain.chain.map((key) => wire.filter((e) => idsOf.get(key)?.has(e.responseHeaders["request-id"] ?? "")).length);
  return { wallMs: runEnd - runStart, criticalMs: before + chain.ms + after, beforeMs: before, chain, chainTrips, observeTrips, afterMs: after, steps: timed.length };
}

async function appToken(emulator: Emulator, tenantId: string): Promise<string> {
  const r = await fetch(`${emulator.url}/${tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" }),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}

async function singleTenant(g: Gatehouse, emulator: Emulator, tenant: BenchTenant): Promise<void> {
  console.log(`\n-- one tenant (${tenant.displayName}) --`);
  const customerId = await g.consentedCustomer(tenant);
  const preview = await g.engine.previewPlan({ workspaceId: g.workspace.id, customerId });
  const dependsOn = new Map(preview.steps.map((s) => [s.key, s.dependsOn]));
  const fresh = await measuredRun(g, emulator, customerId, "fresh tenant");
  const path = await criticalPath(g, fresh.runId, dependsOn, fresh.entries);
  console.log(`  run ${seconds(path.wallMs)} vs critical path ${seconds(path.criticalMs)} = ${(path.wallMs / path.criticalMs).toFixed(2)}× ` +
    `(observe+plan ${seconds(path.beforeMs)}, longest chain of ${path.chain.chain.length} dependent steps ${seconds(path.chain.ms)}: ${path.chain.chain.join(" → ")}, finish ${seconds(path.afterMs)}; ${path.steps} steps)`);
  console.log(`  in Graph round trips: observe ${path.observeTrips}, then ${path.chainTrips.join(" + ")} along the chain (of ${fresh.traffic.roundTrips} in all)`);
  await measuredRun(g, emulator, customerId, "no-change re-run");
  // Repair: someone deletes one object in the tenant (the Tier 1 assignment policy).
  const policy = await g.db.tenantObject.findFirst({ where: { customerId, kind: "assignmentPolicy" }, orderBy: { key: "asc" }, select: { key: true, graphId: true } });
  if (policy?.graphId) {
    const token = await appToken(emulator, tenant.id);
    const deleted = await fetch(`${emulator.url}${EM}/assignmentPolicies/${policy.graphId}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    console.log(`  (deleted ${policy.key} in the tenant: ${deleted.status})`);
    await measuredRun(g, emulator, customerId, "one-object repair");
  } else {
    console.log("  ! no recorded assignment policy to delete; repair not measured");
  }
}

/** A fresh tenant whose new objects stay invisible for `lagMs` (Entra's replication lag). */
async function laggingTenant(g: Gatehouse, emulator: Emulator, tenant: BenchTenant, lagMs: number): Promise<void> {
  console.log(`\n-- a fresh tenant with ${lagMs / 1000} s replication lag (${tenant.displayName}) --`);
  await emulator.control("PATCH", `/tenants/${tenant.id}`, { replicationLagMs: lagMs });
  const customerId = await g.consentedCustomer(tenant);
  const run = await measuredRun(g, emulator, customerId, "fresh tenant, lagging");
  const counts = await emulator.control<{ counts: Record<string, number> }>("GET", `/state/${tenant.id}`);
  // Every blueprint object exactly once (3 of the Defender roles are the tenant's built-in ones).
  console.log(`  objects in the tenant: ${JSON.stringify(counts.counts)}; ${run.traffic.writes} write attempts, ${run.traffic.errors} answers refused while objects replicated`);
}

async function manyTenants(g: Gatehouse, emulator: Emulator, tenants: BenchTenant[]): Promise<void> {
  console.log(`\n-- ${tenants.length} tenants through the job worker (WORKER_CONCURRENCY=${g.env.WORKER_CONCURRENCY}, the default unless set) --`);
  const customers = await Promise.all(tenants.map((t) => g.consentedCustomer(t)));
  const before = await cursorOf(emulator);
  const started = performance.now();
  for (const customerId of customers) await g.requestProvisioning({ workspaceId: g.workspace.id, customerId, trigger: "manual", requestedById: g.admin.id, actor: "system" });
  const runs = await Promise.all(customers.map((id) => g.settledRun(id, 100)));
  const wallMs = performance.now() - started;
  const traffic = countTraffic((await emulator.traffic(before)).entries);
  const durations = runs.map((r) => r.finishedAt!.getTime() - r.startedAt!.getTime());
  const byStatus = runs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  console.log(`all settled in ${seconds(wallMs)} (${(tenants.length / (wallMs / 60_000)).toFixed(1)} tenants/min): ${JSON.stringify(byStatus)}`);
  console.log(`  per tenant: p50 ${seconds(percentile(durations, 50))}, p95 ${seconds(percentile(durations, 95))}, max ${seconds(Math.max(...durations))}; ${formatCounts(traffic)}`);
  const failed = runs.find((r) => r.status !== "succeeded");
  if (failed) console.log(`  ! e.g. ${failed.status}: ${failed.attentionReason ?? failed.errorMessage}`);
}

async function acceptToReady(g: Gatehouse): Promise<void> {
  console.log("\n-- Accept → Ready (Tailspin Toys, through the consent page and the job worker) --");
  const customer = await g.db.$transaction((tx) => g.createCustomer(g.admin, { displayName: "Tailspin Toys", primaryDomain: "tailspintoys.com" }, tx));
  const invite = await g.db.$transaction((tx) => g.issueInvite(g.admin, customer.id, tx));
  const start = await g.beginConsent(invite.link.split("/consent/")[1]!);
  if (!start.ok) throw new Error(`consent did not start: ${start.reason}`);
  // The admin signs in first (the ID token proves who grants); the portal then sends the same
  // browser to admin consent for that tenant, where Entra reuses the sign-in session.
  const browser = new Browser();
  const signedIn = new URL((await signIn(browser, start.url, "admin@tailspintoys.com")).headers.get("location") ?? "");
  const step = await g.handleAdminSignIn({ code: signedIn.searchParams.get("code") ?? undefined, state: signedIn.searchParams.get("state") ?? undefined }, start.codeVerifier);
  if (step.next !== "consent") throw new Error(`the admin's sign-in was refused: ${step.result.outcome}`);
  const consentPage = await browser.fetch(step.url);
  const action = new URL(step.url);
  const id = interactionId(await consentPage.text());
  const clicked = performance.now();
  const accepted = await browser.postForm(action.origin + action.pathname, { interaction: id, action: "accept" });
  const redirect = new URL(accepted.headers.get("location") ?? "");
  const q = redirect.searchParams;
  const callback = await g.handleConsentCallback({ state: q.get("state") ?? "", tenant: q.get("tenant") ?? "", scope: q.get("scope") ?? "" });
  const callbackDone = performance.now();
  const run = await g.settledRun(customer.id);
  // Ready = the run has ended and the customer's status says so (the engine writes the run first).
  let status = await g.db.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { status: true } });
  while (status.status === "provisioning") {
    await new Promise((r) => setTimeout(r, 25));
    status = await g.db.customer.findUniqueOrThrow({ where: { id: customer.id }, select: { status: true } });
  }
  const ready = performance.now();
  console.log(`consent ${callback.outcome}; run ${run.status}, customer ${status.status}${run.status === "succeeded" ? "" : `: ${run.attentionReason ?? run.errorMessage}`}`);
  console.log(`Accept → Ready ${seconds(ready - clicked)}: Microsoft's redirect + consent proof ${seconds(callbackDone - clicked)}, ` +
    `queue wait ${seconds(run.startedAt!.getTime() - run.createdAt.getTime())}, apply ${seconds(run.finishedAt!.getTime() - run.startedAt!.getTime())}` +
    " (the result page polls every 1 s, so the admin sees Ready up to 1 s later)");
}

export async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { tenants: { type: "string", default: "50" }, latency: { type: "string", default: "100" }, "drift-tenants": { type: "string", default: "200" }, only: { type: "string" } }, strict: false });
  const only = typeof values.only === "string" ? values.only : undefined;
  const section = (name: string) => only === undefined || only === name;
  const tenants = Number(values.tenants);
  const latency = Number(values.latency);
  const driftTenants = Number(values["drift-tenants"]);
  const world = benchWorld(`${ROOT}/emulator/seed/demo.json`, Math.max(tenants + 2, driftTenants + 2));
  const emulator = await startEmulatorProcess(world.seed, latency);
  const database = await createDatabase();
  let worker: { stop(): Promise<void> } | undefined;
  try {
    pointGatehouseAt(emulator.url, database.url);
    const g = await loadGatehouse();
    console.log(`Emulator at ${emulator.url}, ${latency} ms per Graph call (a $batch: once for the batch, once for its inner requests, which run in parallel); ${tenants + 2} consented bench tenants`);
    if (section("single")) await singleTenant(g, emulator, world.customers[0]!);
    if (section("lag")) await laggingTenant(g, emulator, world.customers[1]!, 2000);
    worker = await g.startWorker({ connectionString: database.url, concurrency: g.env.WORKER_CONCURRENCY, jobTimeoutSeconds: g.env.WORKER_JOB_TIMEOUT_SECONDS, drainSeconds: g.env.WORKER_DRAIN_SECONDS, definitions: g.jobDefinitions });
    if (section("fleet")) await manyTenants(g, emulator, world.customers.slice(2, tenants + 2));
    if (driftTenants > 0 && section("drift")) await driftBench(g, emulator, world.customers.slice(2, driftTenants + 2), (id) => appToken(emulator, id), latency);
    if (section("ready")) await acceptToReady(g);
    // Offboarding time per tenant: the single tenant (provisioned, re-run, repaired) and ten of the fleet.
    const provisioned = await g.db.customer.findMany({ where: { workspaceId: g.workspace.id, status: "active" }, orderBy: { createdAt: "asc" }, take: 11, select: { id: true } });
    if (section("offboarding")) await offboardTenants(g, emulator, provisioned.map((c) => c.id));
    await worker.stop();
    worker = undefined;
    await g.shutdown();
  } finally {
    await worker?.stop().catch(() => undefined);
    emulator.stop();
    await database.drop().catch((error: unknown) => console.error("could not drop the bench database", error));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
