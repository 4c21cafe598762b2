import "server-only";
import { acquireAppToken } from "@/lib/graph/app-tokens";
import type { GraphAccessConfig } from "@/lib/graph/config";
import { GraphError, TokenError } from "@/lib/graph/errors";
import { defaultSleep, GraphHttp, type BatchRequest, type GraphExchange } from "@/lib/graph/http";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { apply, asConsentWithdrawn } from "./apply";
import type { Blueprint } from "./blueprint";
import { withCustomerLock } from "./lock";
import { observe, type RecordedObject } from "./observe";
import type { Observed } from "./observed";
import { plan } from "./plan";
import { countDone, loadBlueprint, loadCustomer, loadRecords, markSeen, markStepFinished, markStepStarted, recordObject, writeSteps, type CustomerForProvisioning } from "./store";
import type { Plan, RunStatus } from "./types";

/** What executeRun and previewPlan need from the outside world; tests replace parts. */
export interface EngineDeps {
  graphAccess?: GraphAccessConfig | null;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => Date;
  timeoutMs?: number;
  onExchange?: (exchange: GraphExchange) => void;
  /** bounded wait for replication lag, per object */
  lagBudgetMs?: number;
  /** how long after it was recorded an object not yet read back may still be replicating (default 15 s) */
  replicationWindowMs?: number;
}

export const CONSENT_WITHDRAWN = "Consent withdrawn: Microsoft refused Gatehouse's access to this tenant. Send the customer's administrator a new consent link.";
const TERMINAL: RunStatus[] = ["succeeded", "failed", "needs_attention", "blocked"];

export function graphFor(tenantId: string, deps: EngineDeps, signal?: AbortSignal): GraphHttp {
  const config = deps.graphAccess === undefined ? graphAccessFromEnv() : deps.graphAccess;
  if (!config) throw new GraphError("Gatehouse is not connected to Entra ID (ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET are not set).", { status: 0, code: "notConfigured" });
  return new GraphHttp({
    graphBaseUrl: config.graphBaseUrl,
    tenantId,
    getAccessToken: async (options) => (await acquireAppToken(config, tenantId, options?.forceRefresh ? { forceRefresh: true } : {})).accessToken,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    ...(deps.onExchange ? { onExchange: deps.onExchange } : {}),
    ...(signal ? { signal } : {}),
  });
}

/** `extraReads`: reads to add to observe's first wave, built from the records (drift's approvers). */
export async function observeAndPlan(customer: CustomerForProvisioning & { tenantId: string }, blueprint: Blueprint, http: GraphHttp, deps: EngineDeps, extraReads?: (records: Map<string, RecordedObject>) => BatchRequest[]): Promise<{ observed: Observed; plan: Plan }> {
  const sleep = deps.sleep ?? defaultSleep;
  const records = await loadRecords(customer.id);
  const observed = await observe(
    {
      blueprint: blueprint.definition,
      records,
      msspDomain: customer.msspDomain,
      msspTenantId: customer.msspTenantId,
      consentAdminObjectId: customer.consentGrantedByObjectId,
      consentAdminName: customer.consentGrantedByName,
      ...(extraReads ? { extraReads: extraReads(records) } : {}),
    },
    { http, now: deps.now ?? (() => new Date()), sleep: (ms) => sleep(ms), ...(deps.replicationWindowMs !== undefined ? { replicationWindowMs: deps.replicationWindowMs } : {}) },
  );
  await markSeen(customer.id, records, observed.objects);
  return { observed, plan: plan(blueprint.definition, observed, { tenantId: customer.tenantId }) };
}

async function finishRun(run: { id: string; workspaceId: string; customerId: string }, status: RunStatus, fields: { errorCode?: string | null; errorMessage?: string | null; attentionReason?: string | null; graphWrites?: number }): Promise<RunStatus> {
  await countDone(run.id);
  await db.provisioningRun.update({
    where: { id: run.id },
    data: { status, finishedAt: new Date(), errorCode: fields.errorCode ?? null, errorMessage: fields.errorMessage ?? null, attentionReason: fields.attentionReason ?? null, ...(fields.graphWrites !== undefined ? { graphWrites: fields.graphWrites } : {}) },
  });
  const customerStatus = status === "succeeded" ? "active" : "needs_attention";
  // Offboarding wins over anything provisioning concludes.
  await db.customer.updateMany({
    where: { id: run.customerId, workspaceId: run.workspaceId, status: { in: ["consented", "provisioning", "active", "needs_attention"] } },
    data: { status: customerStatus, attentionReason: status === "succeeded" ? null : fields.attentionReason ?? fields.errorMessage ?? "Provisioning did not finish." },
  });
  await recordAudit({ workspaceId: run.workspaceId, actor: "system", action: "provisioning.finished", target: `customer:${run.customerId}`, details: { runId: run.id, status, ...(fields.errorCode ? { errorCode: fields.errorCode } : {}) } });
  return status;
}

/** A stopped worker leaves the run resumable: the next executeRun picks it up where the tenant is. */
async function requeue(runId: string): Promise<RunStatus> {
  await db.provisioningRun.update({ where: { id: runId }, data: { status: "queued" } });
  return "queued";
}

/**
 * Observe → plan → apply for one queued (or interrupted) run. Safe to call again for the
 * same run: a finished run is returned as is; an interrupted one resumes from what the tenant
 * and the object registry say, so nothing is created twice.
 */
export async function executeRun(runId: string, options: { signal?: AbortSignal; deps?: EngineDeps } = {}): Promise<RunStatus> {
  const deps = options.deps ?? {};
  const first = await db.provisioningRun.findUnique({ where: { id: runId }, select: { status: true, customerId: true, trigger: true } });
  if (!first) throw new GraphError(`Provisioning run ${runId} does not exist.`, { status: 0, code: "runMissing" });
  // An offboarding run removes objects (lib/offboarding); applying it would re-create them.
  if (first.trigger === "offboard") throw new GraphError(`Run ${runId} is an offboarding run; lib/offboarding resumes it.`, { status: 0, code: "offboardRun" });
  if (TERMINAL.includes(first.status)) return first.status;

  return withCustomerLock(first.customerId, async () => {
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true, workspaceId: true, customerId: true, startedAt: true } });
    if (TERMINAL.includes(run.status)) return run.status;
    const [customer, blueprint] = await Promise.all([
      loadCustomer(run.workspaceId, run.customerId),
      loadBlueprint(run.workspaceId),
      db.provisioningRun.update({ where: { id: run.id }, data: { status: "running", ...(run.startedAt ? {} : { startedAt: new Date() }) } }),
    ]);
    if (!customer.tenantId || !["consented", "provisioning", "active", "needs_attention"].includes(customer.status)) {
      return finishRun(run, "failed", { errorCode: "notConsented", errorMessage: `The customer is ${customer.status}; provisioning needs a proven consent.` });
    }
    const tenantId = customer.tenantId;
    await db.customer.updateMany({ where: { id: customer.id, status: { in: ["consented", "active", "needs_attention"] } }, data: { status: "provisioning" } });

    let writes = 0;
    const http = graphFor(tenantId, { ...deps, onExchange: (e) => { writes += e.writes; deps.onExchange?.(e); } }, options.signal);
    try {
      const { observed, plan: planned } = await observeAndPlan({ ...customer, tenantId }, blueprint, http, deps);
      await Promise.all([
        db.provisioningRun.update({ where: { id: run.id }, data: { blueprintVersion: blueprint.version, stepsTotal: planned.steps.length } }),
        writeSteps(run.id, planned.steps),
      ]);
      if (planned.blocked) {
        return finishRun(run, "blocked", { errorCode: planned.blocked.code, errorMessage: planned.blocked.message, attentionReason: planned.blocked.message, graphWrites: writes });
      }
      const result = await apply(planned.steps, {
        http, blueprint: blueprint.definition, observed, tenantId,
        now: deps.now ?? (() => new Date()),
        sleep: (ms) => (deps.sleep ?? defaultSleep)(ms, options.signal),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(deps.lagBudgetMs !== undefined ? { lagBudgetMs: deps.lagBudgetMs } : {}),
        recordObject: (object) => recordObject(run.workspaceId, run.customerId, object),
        stepStarted: (key, at) => markStepStarted(run.id, key, at),
        stepFinished: (key, outcome) => markStepFinished(run.id, key, outcome),
      });
      if (options.signal?.aborted) return requeue(run.id);
      if (result.consentWithdrawn) {
        return finishRun(run, "needs_attention", { errorCode: "consent_withdrawn", errorMessage: result.consentWithdrawn.message, attentionReason: CONSENT_WITHDRAWN, graphWrites: writes });
      }
      const outcomes = [...result.outcomes.values()];
      const failed = [...result.outcomes].find(([, o]) => o.status === "failed");
      if (failed) {
        const [key, outcome] = failed;
        return finishRun(run, "failed", { errorCode: outcome.errorCode ?? "stepFailed", errorMessage: `Step ${key} failed: ${outcome.errorMessage ?? "unknown error"}`, attentionReason: `Provisioning failed at step ${key}: ${outcome.errorMessage ?? "unknown error"}`, graphWrites: writes });
      }
      const manual = planned.steps.find((s) => result.outcomes.get(s.key)?.status === "needs_manual_action");
      if (manual) {
        const reason = result.outcomes.get(manual.key)?.manual?.reason ?? manual.reason;
        return finishRun(run, "needs_attention", { errorCode: "manual_action", attentionReason: `Manual action needed: ${reason}`, graphWrites: writes });
      }
      if (outcomes.some((o) => o.status === "skipped")) {
        return finishRun(run, "failed", { errorCode: "stopped", errorMessage: "The run stopped before every step ran.", graphWrites: writes });
      }
      return finishRun(run, "succeeded", { graphWrites: writes });
    } catch (error) {
      if (options.signal?.aborted) return requeue(run.id);
      const consent = asConsentWithdrawn(error);
      if (consent) return finishRun(run, "needs_attention", { errorCode: "consent_withdrawn", errorMessage: consent.message, attentionReason: CONSENT_WITHDRAWN, graphWrites: writes });
      const code = error instanceof GraphError || error instanceof TokenError ? error.code : "internalError";
      const message = error instanceof Error ? error.message : String(error);
      return finishRun(run, "failed", { errorCode: code, errorMessage: message, attentionReason: `Provisioning failed: ${message}`, graphWrites: writes });
    }
  }, options.signal ? { signal: options.signal } : {});
}
