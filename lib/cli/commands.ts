import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { createRun, executeRun, getBlueprint, previewPlan } from "@/lib/provisioning";
import { GraphError } from "@/lib/graph/errors";
import { checkDrift, checkFleet, NOTHING_TO_REPAIR, repairDrift, type DriftReport } from "@/lib/provisioning/drift";
import { DEFAULT_BLUEPRINT, parseBlueprint } from "@/lib/provisioning/blueprint";
import { offboardCustomer, reportText } from "@/lib/offboarding";
import { EXIT, UsageError, type ExitCode, type ParsedArgs } from "./args";
import { diffBlueprints } from "./blueprint-diff";
import { addCustomerAsCli, CLI_ACTOR, issueInviteAsCli } from "./customers";
import { rollout } from "./rollout";
import { resolveCustomer, type CliWorkspace } from "./scope";

/** Each command: the same lib/ calls the portal makes, an exit code, a human text and a JSON value. */

export interface CommandContext {
  workspace: CliWorkspace;
  args: ParsedArgs;
  /** a progress line (shown on a terminal only, never in --json output) */
  progress: (line: string) => void;
}

export interface CommandResult {
  code: ExitCode;
  human: string;
  json: unknown;
}

const ok = (human: string, json: unknown, code: ExitCode = EXIT.ok): CommandResult => ({ code, human, json });
const table = (rows: string[][]) => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
};

async function customers(ctx: CommandContext): Promise<CommandResult> {
  const [sub, ref] = ctx.args.positionals.slice(1);
  const workspaceId = ctx.workspace.id;
  if (sub === "list") {
    const rows = await db.customer.findMany({ where: { workspaceId }, orderBy: { displayName: "asc" }, select: { id: true, displayName: true, primaryDomain: true, status: true, tenantId: true, consentedAt: true } });
    return ok(rows.length ? table([["DOMAIN", "NAME", "STATUS", "TENANT"], ...rows.map((c) => [c.primaryDomain, c.displayName, c.status, c.tenantId ?? "-"])]) : "No customers yet.", rows);
  }
  if (sub === "show") {
    const { id } = await resolveCustomer(workspaceId, ref);
    const customer = await db.customer.findFirstOrThrow({
      where: { id, workspaceId },
      select: {
        id: true, displayName: true, primaryDomain: true, status: true, tenantId: true, tenantName: true, consentedAt: true, attentionReason: true,
        tenantObjects: { orderBy: { key: "asc" }, select: { key: true, kind: true, displayName: true, graphId: true, adopted: true } },
        provisioningRuns: { orderBy: { createdAt: "desc" }, take: 5, select: { id: true, trigger: true, status: true, createdAt: true, finishedAt: true, stepsDone: true, stepsTotal: true } },
      },
    });
    const human = [
      `${customer.displayName} (${customer.primaryDomain})`,
      `  status: ${customer.status}${customer.attentionReason ? ` — ${customer.attentionReason}` : ""}`,
      `  tenant: ${customer.tenantId ?? "not consented"}${customer.tenantName ? ` (${customer.tenantName})` : ""}`,
      `  objects (${customer.tenantObjects.length}):`,
      ...customer.tenantObjects.map((o) => `    ${o.key.padEnd(28)} ${o.displayName}${o.adopted ? " (adopted)" : ""}`),
      `  last runs:`,
      ...customer.provisioningRuns.map((r) => `    ${r.createdAt.toISOString()} ${r.trigger.padEnd(8)} ${r.status} ${r.stepsDone}/${r.stepsTotal}`),
    ].join("\n");
    return ok(human, customer);
  }
  if (sub === "add") {
    const o = ctx.args.options;
    const added = await addCustomerAsCli(workspaceId, { displayName: o.name ?? "", primaryDomain: o.domain ?? "", ...(o["contact-name"] ? { contactName: o["contact-name"] } : {}), ...(o["contact-email"] ? { contactEmail: o["contact-email"] } : {}) });
    return ok(`Added ${added.customer.displayName} (${added.customer.primaryDomain}).\nConsent link (send it to the customer's administrator; valid until ${added.invite.expiresAt.toISOString()}):\n${added.invite.link}`, added);
  }
  throw new UsageError("Use: customers list | customers show <customer> | customers add --name <name> --domain <domain>");
}

async function invite(ctx: CommandContext): Promise<CommandResult> {
  const customer = await resolveCustomer(ctx.workspace.id, ctx.args.positionals[1]);
  const issued = await db.$transaction((tx) => issueInviteAsCli(ctx.workspace.id, customer.id, tx));
  return ok(`New consent link for ${customer.displayName} (valid until ${issued.expiresAt.toISOString()}; the previous link no longer works):\n${issued.link}`, issued);
}

async function plan(ctx: CommandContext): Promise<CommandResult> {
  const customer = await resolveCustomer(ctx.workspace.id, ctx.args.positionals[1]);
  const preview = await previewPlan({ workspaceId: ctx.workspace.id, customerId: customer.id });
  if (preview.blocked) return ok(`Blocked: ${preview.blocked.message}`, preview, EXIT.attention);
  const changes = preview.steps.filter((s) => s.action !== "none");
  const human = changes.length ? changes.map((s) => `  ${s.action.padEnd(7)} ${s.title} — ${s.reason}`).join("\n") : `${customer.displayName} matches the blueprint: nothing to do.`;
  return ok(human, preview);
}

async function apply(ctx: CommandContext): Promise<CommandResult> {
  const customer = await resolveCustomer(ctx.workspace.id, ctx.args.positionals[1]);
  const runId = await createRun({ workspaceId: ctx.workspace.id, customerId: customer.id, trigger: "manual" });
  await recordAudit({ workspaceId: ctx.workspace.id, actor: CLI_ACTOR, action: "provisioning.requested", target: `customer:${customer.id}`, details: { runId, trigger: "manual" } });
  ctx.progress(`Applying the blueprint to ${customer.displayName}…`);
  let last = -1;
  const timer = setInterval(() => {
    void db.provisioningRun.findUnique({ where: { id: runId }, select: { stepsDone: true, stepsTotal: true } }).then((r) => {
      if (r && r.stepsTotal > 0 && r.stepsDone !== last) ctx.progress(`  ${(last = r.stepsDone)}/${r.stepsTotal} steps`);
    }, () => undefined);
  }, 500);
  let status: string;
  try {
    status = await executeRun(runId);
  } finally {
    clearInterval(timer);
  }
  const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true, stepsDone: true, stepsTotal: true, graphWrites: true, errorMessage: true, attentionReason: true, steps: { orderBy: { position: "asc" }, select: { key: true, action: true, status: true, errorMessage: true } } } });
  const code = status === "succeeded" ? EXIT.ok : status === "failed" ? EXIT.failed : EXIT.attention;
  const failedSteps = run.steps.filter((s) => s.status === "failed" || s.status === "needs_manual_action").map((s) => `  ${s.status}: ${s.key}${s.errorMessage ? ` — ${s.errorMessage}` : ""}`);
  return ok([`Run ${run.id}: ${run.status} (${run.stepsDone}/${run.stepsTotal} steps, ${run.graphWrites} Graph writes)`, ...(run.attentionReason ?? run.errorMessage ? [run.attentionReason ?? run.errorMessage!] : []), ...failedSteps].join("\n"), run, code);
}

const driftLine = (name: string, r: DriftReport) => `${name.padEnd(28)} ${r.status.padEnd(7)} ${r.status === "drift" ? `high ${r.counts.high}, medium ${r.counts.medium}, low ${r.counts.low}` : r.message ?? ""}`;
const driftCode = (reports: DriftReport[]): ExitCode => (reports.some((r) => r.status === "error") ? EXIT.failed : reports.some((r) => r.status !== "clean") ? EXIT.attention : EXIT.ok);

async function drift(ctx: CommandContext): Promise<CommandResult> {
  const ref = ctx.args.positionals[1];
  if (ctx.args.flags.has("all") === Boolean(ref)) throw new UsageError("Use: drift <customer> | drift --all");
  if (ref) {
    const customer = await resolveCustomer(ctx.workspace.id, ref);
    const report = await checkDrift({ workspaceId: ctx.workspace.id, customerId: customer.id });
    const items = report.items.map((i) => `  ${i.severity.padEnd(6)} ${i.message}`);
    return ok([driftLine(customer.primaryDomain, report), ...items].join("\n"), report, driftCode([report]));
  }
  const names = new Map((await db.customer.findMany({ where: { workspaceId: ctx.workspace.id }, select: { id: true, primaryDomain: true } })).map((c) => [c.id, c.primaryDomain]));
  const concurrency = ctx.args.options.concurrency ? Number(ctx.args.options.concurrency) : undefined;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw new UsageError("--concurrency is a whole number above 0.");
  const fleet = await checkFleet({ workspaceId: ctx.workspace.id, ...(concurrency ? { concurrency } : {}), onReport: (r) => ctx.progress(driftLine(names.get(r.customerId) ?? r.customerId, r)) });
  const human = fleet.reports.length ? fleet.reports.map((r) => driftLine(names.get(r.customerId) ?? r.customerId, r)).join("\n") : "No provisioned customers to check.";
  return ok(human, fleet, driftCode(fleet.reports));
}

async function repair(ctx: CommandContext): Promise<CommandResult> {
  const customer = await resolveCustomer(ctx.workspace.id, ctx.args.positionals[1]);
  ctx.progress(`Repairing ${customer.displayName}…`);
  let result: Awaited<ReturnType<typeof repairDrift>>;
  try {
    result = await repairDrift({ workspaceId: ctx.workspace.id, customerId: customer.id, actor: CLI_ACTOR });
  } catch (error) {
    // Already clean (another repair got there first) is the outcome a repair wants.
    if (error instanceof GraphError && error.code === NOTHING_TO_REPAIR) return ok(error.message, { status: "clean" }, EXIT.ok);
    throw error;
  }
  const code = result.runStatus === "failed" ? EXIT.failed : result.after.status === "clean" ? EXIT.ok : EXIT.attention;
  return ok(`Run ${result.runId}: ${result.runStatus}; after the repair: ${result.after.status}${result.removedScopes.length ? `; ${result.removedScopes.length} extra role scope(s) removed` : ""}`, result, code);
}

async function offboard(ctx: CommandContext): Promise<CommandResult> {
  const customer = await resolveCustomer(ctx.workspace.id, ctx.args.positionals[1]);
  const confirm = ctx.args.options.confirm;
  if (!confirm) throw new UsageError(`Offboarding removes everything Gatehouse created in ${customer.primaryDomain}: confirm with --confirm ${customer.primaryDomain}`);
  ctx.progress(`Offboarding ${customer.displayName}…`);
  const report = await offboardCustomer(
    { workspaceId: ctx.workspace.id, customerId: customer.id, confirm, actor: CLI_ACTOR },
    { onStep: (s) => ctx.progress(`  ${s.status.padEnd(11)} ${s.title}${s.detail ? ` (${s.detail})` : ""}`) },
  );
  const code = report.notRemoved.length ? EXIT.failed : report.customer.status === "offboarded" ? EXIT.ok : EXIT.attention;
  return ok(reportText(report), report, code);
}

async function blueprint(ctx: CommandContext): Promise<CommandResult> {
  const sub = ctx.args.positionals[1];
  if (sub === "show") {
    const active = await getBlueprint(ctx.workspace.id);
    return ok(`Blueprint version ${active.version}${active.version === 0 ? " (built-in default)" : ""}\n${JSON.stringify(active.definition, null, 2)}`, active);
  }
  if (sub === "diff") {
    const versions = await db.blueprint.findMany({ where: { workspaceId: ctx.workspace.id }, orderBy: { version: "asc" }, select: { version: true, definition: true } });
    const byVersion = new Map<number, unknown>([[0, DEFAULT_BLUEPRINT], ...versions.map((v) => [v.version, parseBlueprint(v.definition)] as [number, unknown])]);
    const latest = versions.at(-1)?.version ?? 0;
    const parse = (name: "from" | "to", fallback: number) => {
      const raw = ctx.args.options[name];
      const value = raw === undefined ? fallback : Number(raw);
      if (!Number.isInteger(value) || !byVersion.has(value)) throw new UsageError(`--${name} ${raw}: no such blueprint version (have ${[...byVersion.keys()].join(", ")}).`);
      return value;
    };
    const to = parse("to", latest);
    const from = parse("from", [...byVersion.keys()].filter((v) => v < to).at(-1) ?? to);
    const changes = diffBlueprints(byVersion.get(from), byVersion.get(to));
    const human = changes.length ? [`Blueprint ${from} → ${to}:`, ...changes.map((c) => `  ${c.path}: ${JSON.stringify(c.before) ?? "(none)"} → ${JSON.stringify(c.after) ?? "(none)"}`)].join("\n") : `Blueprint ${from} → ${to}: no change.`;
    return ok(human, { from, to, changes });
  }
  throw new UsageError("Use: blueprint show | blueprint diff [--from <version>] [--to <version>]");
}

export const COMMANDS: Record<string, (ctx: CommandContext) => Promise<CommandResult>> = { customers, invite, plan, apply, drift, repair, offboard, blueprint, rollout };
