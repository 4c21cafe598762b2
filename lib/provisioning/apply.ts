import "server-only";
import { GraphError, TokenError, isConsentPending } from "@/lib/graph/errors";
import type { GraphHttp } from "@/lib/graph/http";
import type { BlueprintDefinition } from "./blueprint";
import { defenderChecklist } from "./manual";
import { blueprintKeyOf } from "./keys";
import type { Observed } from "./observed";
import { opsFor, type OpContext } from "./step-ops";
import type { ManualChecklist, ObjectKind, PlanStep, StepStatus } from "./types";

/**
 * apply(): runs the plan's steps, each as soon as the steps it depends on succeeded (the three
 * groups at once, for example). A created object's id is recorded before any step that needs
 * it can start, so a crash at any point resumes without a duplicate. Replication lag (404 on a
 * just-created object) is retried with bounded backoff and never leads to a second create.
 */

export interface StepOutcome {
  status: StepStatus;
  /** when the step really started and ended (the log rows are written off the critical path) */
  startedAt?: Date;
  finishedAt?: Date;
  attempts: number;
  requestIds: string[];
  errorCode?: string;
  errorMessage?: string;
  manual?: ManualChecklist;
}

export interface ApplyDeps {
  http: GraphHttp;
  blueprint: BlueprintDefinition;
  observed: Observed;
  tenantId: string;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** persists a created or adopted object's id; awaited before dependants start */
  recordObject(object: { key: string; kind: ObjectKind; graphId: string; displayName: string; adopted: boolean }): Promise<void>;
  stepStarted(key: string, at: Date): Promise<void>;
  stepFinished(key: string, outcome: StepOutcome): Promise<void>;
  /** total wait for an object to become visible; default ~30 s */
  lagBudgetMs?: number;
}

export interface ApplyResult {
  outcomes: Map<string, StepOutcome>;
  /** set when the app's access was refused: the run stopped */
  consentWithdrawn?: { code: string; message: string };
}

const MAX_CREATE_ATTEMPTS = 4;

export class ConsentWithdrawnError extends Error {
  override readonly name = "ConsentWithdrawnError";
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Graph refused the app itself (token revoked, service principal deleted). */
export function asConsentWithdrawn(error: unknown): ConsentWithdrawnError | undefined {
  if (error instanceof ConsentWithdrawnError) return error;
  // For a tenant that had consented, "no service principal" / "consent required" means it was taken back.
  if (error instanceof TokenError && isConsentPending(error.code)) return new ConsentWithdrawnError(error.code, error.message);
  if (error instanceof GraphError && error.status === 401) return new ConsentWithdrawnError(error.code, error.message);
  return undefined;
}

/**
 * A reference to an object Graph does not show yet: 404 on the object itself, or the 400s
 * Graph gives when a just-created group or organization is named in another call (GRAPH-API;
 * emulator/README "Replication lag"). Retried within a bounded budget, never re-created.
 */
export function isLag(error: unknown): boolean {
  if (!(error instanceof GraphError)) return false;
  if (error.status === 404) return true;
  return error.status === 400 && (error.code === "ResourceNotFoundInOriginSystem" || /\bis not a (group|connected organization|defender role definition)\b|\bnot found\b|does not exist/i.test(error.message));
}

/** The create already happened (an earlier attempt whose answer was lost, or still replicating). */
const isAlreadyThere = (error: unknown) => error instanceof GraphError && (error.status === 409 || error.code === "ResourceAlreadyOnboarded");
const isAmbiguous = (error: unknown) => error instanceof GraphError && (error.status === 0 || error.status >= 500);

export async function apply(steps: PlanStep[], deps: ApplyDeps): Promise<ApplyResult> {
  const outcomes = new Map<string, StepOutcome>();
  const ids = new Map<string, string>();
  for (const [key, object] of deps.observed.objects) ids.set(key, object.graphId);
  let withdrawn: ConsentWithdrawnError | undefined;
  const budget = deps.lagBudgetMs ?? 30_000;

  const untilVisible = async <T>(what: string, read: () => Promise<T | undefined>): Promise<T> => {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      let value: T | undefined;
      try {
        value = await read();
      } catch (error) {
        if (!isLag(error)) throw error;
      }
      if (value !== undefined) return value;
      const wait = Math.min(1000, 250 * 2 ** attempt);
      if (waited + wait > budget) throw new GraphError(`Graph still does not show ${what} after ${Math.round(waited / 1000)} s.`, { status: 404, code: "Request_ResourceNotFound" });
      await deps.sleep(wait);
      waited += wait;
    }
  };
  const ctx: OpContext = { http: deps.http, blueprint: deps.blueprint, observed: deps.observed, ids, now: deps.now, resources: new Map(), untilVisible };

  /** Retries one Graph operation while what it references is still replicating. */
  const lagTolerant = async <T>(op: () => Promise<T>): Promise<T> => {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await op();
      } catch (error) {
        const wait = Math.min(1000, 250 * 2 ** attempt);
        if (!isLag(error) || waited + wait > budget) throw error;
        await deps.sleep(wait);
        waited += wait;
      }
    }
  };

  const requestIdsOf = (value: { requestId?: string; requestIds?: string[] } | undefined) => [...(value?.requestIds ?? []), ...(value?.requestId ? [value.requestId] : [])];

  const execute = async (step: PlanStep, outcome: StepOutcome): Promise<void> => {
    const ops = opsFor(step, ctx);
    const record = async (graphId: string, adopted: boolean) => {
      ids.set(step.key, graphId);
      await deps.recordObject({ key: step.key, kind: step.kind, graphId, displayName: ops.displayName(ctx), adopted });
    };
    if (step.action === "create") {
      for (let attempt = 1; ; attempt++) {
        outcome.attempts = attempt;
        try {
          const created = await lagTolerant(() => ops.create(ctx));
          outcome.requestIds.push(...requestIdsOf(created));
          await record(created.id, false);
          return;
        } catch (error) {
          if (error instanceof GraphError && error.requestId) outcome.requestIds.push(error.requestId);
          if (isAlreadyThere(error)) {
            await record(await untilVisible(`the existing ${step.kind}`, () => ops.find(ctx)), false);
            return;
          }
          if (!isAmbiguous(error) || attempt >= MAX_CREATE_ATTEMPTS) throw error;
          // The POST may have run: look before trying again.
          const existing = await lagTolerant(() => ops.find(ctx));
          if (existing) {
            await record(existing, false);
            return;
          }
          await deps.sleep(500 * attempt);
        }
      }
    }
    if (step.action === "adopt") await record(step.graphId!, true);
    if ((step.action === "update" || step.action === "adopt") && Object.keys(step.change).length > 0) {
      outcome.attempts = 1;
      const result = await lagTolerant(() => ops.update(ctx, step.graphId!, step));
      outcome.requestIds.push(...requestIdsOf(result));
    }
  };

  const running = new Map<string, Promise<StepOutcome>>();
  const byKey = new Map(steps.map((s) => [s.key, s]));
  // Step log writes never hold up dependants (they wait only for the recorded id); the run
  // awaits them all before it reports.
  const logWrites: Promise<void>[] = [];

  const run = (step: PlanStep): Promise<StepOutcome> => {
    let promise = running.get(step.key);
    if (promise) return promise;
    promise = (async (): Promise<StepOutcome> => {
      await Promise.all(step.dependsOn.map((key) => byKey.get(key)).filter((s): s is PlanStep => s !== undefined).map(run));
      const outcome: StepOutcome = { status: "running", attempts: 0, requestIds: [] };
      let started: Promise<void> = Promise.resolve();
      const finish = (partial: StepOutcome) => {
        const result = { ...partial, finishedAt: new Date() };
        outcomes.set(step.key, result);
        // The finish row is written after the start row, whatever order the calls complete in.
        logWrites.push(started.then(() => deps.stepFinished(step.key, result)));
        return result;
      };
      if (step.action === "none") return finish({ ...outcome, status: "succeeded" });
      if (step.action === "manual") return finish({ ...outcome, status: "needs_manual_action", ...(step.manual ? { manual: step.manual } : {}) });
      const blocker = step.dependsOn.find((key) => outcomes.get(key)?.status !== "succeeded" && byKey.has(key));
      if (blocker || withdrawn || deps.signal?.aborted) {
        const why = withdrawn ? "The run stopped: the app's access to the tenant was refused." : deps.signal?.aborted ? "The run was stopped." : `Waits for step ${blocker}, which did not succeed.`;
        return finish({ ...outcome, status: "skipped", errorCode: withdrawn ? "consentWithdrawn" : "dependencyNotReady", errorMessage: why });
      }
      outcome.startedAt = new Date();
      started = deps.stepStarted(step.key, outcome.startedAt);
      logWrites.push(started);
      try {
        await execute(step, outcome);
        return finish({ ...outcome, status: "succeeded" });
      } catch (error) {
        const consent = asConsentWithdrawn(error);
        if (consent) withdrawn ??= consent;
        if (error instanceof GraphError && error.requestId && !outcome.requestIds.includes(error.requestId)) outcome.requestIds.push(error.requestId);
        // Defender refused at write time: the same manual path as a refused catalog read.
        if ((step.kind === "defenderRole" || step.kind === "defenderRoleAssignment") && error instanceof GraphError && (error.status === 403 || error.status === 400)) {
          const role = deps.blueprint.defenderRoles.find((r) => r.key === blueprintKeyOf(step.key))!;
          const group = deps.blueprint.groups.find((g) => g.key === role.group)?.displayName ?? role.group;
          const reason = `Microsoft refused the Defender XDR Unified RBAC call (${error.code}): ${error.message}`;
          return finish({ ...outcome, status: "needs_manual_action", errorCode: error.code, errorMessage: error.message, manual: defenderChecklist(role, group, deps.tenantId, reason) });
        }
        return finish({
          ...outcome,
          status: "failed",
          errorCode: consent ? "consentWithdrawn" : error instanceof GraphError || error instanceof TokenError ? error.code : "internalError",
          errorMessage: error instanceof Error ? error.message : String(error),
        });
      }
    })();
    running.set(step.key, promise);
    return promise;
  };

  await Promise.all(steps.map(run));
  await Promise.all(logWrites);
  return { outcomes, ...(withdrawn ? { consentWithdrawn: { code: withdrawn.code, message: withdrawn.message } } : {}) };
}
