import "server-only";
import { db } from "@/lib/db";
import { rolloutViewIn, type RolloutView } from "@/lib/data/rollouts";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { activeRolloutId, cancelRollout, pauseRollout, resumeRollout, startRollout } from "@/lib/rollout/commands";
import { EXIT, UsageError, type ExitCode } from "./args";
import { CLI_ACTOR } from "./customers";
import type { CommandContext, CommandResult } from "./commands";

/** `rollout start|status|pause|resume|cancel`: the Settings → Rollout page's actions; the workers do the work. */

async function pickRollout(workspaceId: string, ref: string | undefined, fallback: "active" | "latest"): Promise<string> {
  if (ref) return ref;
  const id = fallback === "active" ? await activeRolloutId(workspaceId) : (await db.rollout.findFirst({ where: { workspaceId }, orderBy: { createdAt: "desc" }, select: { id: true } }))?.id;
  if (!id) throw new NotFoundError(fallback === "active" ? "A rollout under way" : "A rollout");
  return id;
}

function statusText(v: RolloutView): string {
  const c = v.counts;
  return [
    `Rollout ${v.id}: ${v.status}, blueprint version ${v.blueprintVersion}, ${v.concurrency} at a time`,
    `  ${c.total} customers: ${c.succeeded} changed, ${c.unchanged} unchanged, ${c.failed} failed, ${c.skipped} skipped, ${c.running} running, ${c.pending} waiting`,
    ...v.failed.map((f) => `  failed: ${f.primaryDomain} — ${f.message ?? ""}`),
  ].join("\n");
}

const statusCode = (v: RolloutView): ExitCode => (v.status === "completed" && v.counts.failed === 0 ? EXIT.ok : v.counts.failed > 0 ? EXIT.failed : EXIT.attention);

export async function rollout(ctx: CommandContext): Promise<CommandResult> {
  const [sub, ref] = ctx.args.positionals.slice(1);
  const scope = { workspaceId: ctx.workspace.id, actor: CLI_ACTOR };
  if (sub === "start") {
    const raw = ctx.args.options.concurrency;
    const concurrency = raw === undefined ? env.ROLLOUT_CONCURRENCY : Number(raw);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50) throw new UsageError("--concurrency is a whole number from 1 to 50.");
    const started = await startRollout({ ...scope, concurrency });
    const view = await rolloutViewIn(ctx.workspace.id, started.rolloutId);
    return { code: EXIT.ok, human: `${statusText(view)}\nThe workers (npm start or npm run worker) run it; follow it with: rollout status`, json: view };
  }
  if (sub === "status") {
    const view = await rolloutViewIn(ctx.workspace.id, await pickRollout(ctx.workspace.id, ref, "latest"));
    return { code: statusCode(view), human: statusText(view), json: view };
  }
  if (sub === "pause" || sub === "resume" || sub === "cancel") {
    const rolloutId = await pickRollout(ctx.workspace.id, ref, "active");
    await { pause: pauseRollout, resume: resumeRollout, cancel: cancelRollout }[sub]({ ...scope, rolloutId });
    const view = await rolloutViewIn(ctx.workspace.id, rolloutId);
    return { code: EXIT.ok, human: statusText(view), json: view };
  }
  throw new UsageError("Use: rollout start [--concurrency N] | rollout status [<id>] | rollout pause [<id>] | rollout resume [<id>] | rollout cancel [<id>]");
}
