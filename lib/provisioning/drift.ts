import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { saveDriftCheck, type DriftTrigger } from "@/lib/data/drift";
import { GraphError, TokenError } from "@/lib/graph/errors";
import { EM } from "@/lib/graph/recipe-paths";
import { asConsentWithdrawn } from "./apply";
import { ApproverReconcileError, approverGroupsFrom, approverReads, reconcileApproverMembers, withAllApproverPages, type ReconciledApprovers } from "./drift-approvers";
import { classifyDrift, countBySeverity, type DriftItem, type DriftSeverity } from "./drift-classify";
import { CONSENT_WITHDRAWN, executeRun, graphFor, observeAndPlan, type EngineDeps } from "./execute";
import { createRun } from "./index";
import { withCustomerLock, withRepairLock } from "./lock";
import { loadBlueprint, loadCustomer, loadRecords } from "./store";
import type { RunStatus } from "./types";

/**
 * Drift (issue 11): observe + plan against the active blueprint, read as differences with
 * severities; repair is a provisioning run of that plan (trigger "repair") plus the removal of
 * role scopes nobody asked for. No second engine: what Repair applies is what Drift reported.
 * The CLI (`drift`, `repair`), the worker schedule and the pages call only these functions.
 */

export type { DriftItem, DriftSeverity } from "./drift-classify";
export { SEVERITIES, classifyDrift, countBySeverity } from "./drift-classify";

export type DriftStatus = "clean" | "drift" | "blocked" | "error";

export interface DriftReport {
  customerId: string;
  checkedAt: Date;
  blueprintVersion: number;
  status: DriftStatus;
  items: DriftItem[];
  counts: Record<DriftSeverity, number>;
  /** HTTP requests to Graph this check cost (a `$batch` is one) */
  requests: number;
  wallMs: number;
  /** why the check could not compare (blocked or error) */
  message?: string;
}

/** Drift is checked for provisioned customers only (not while invited, provisioning or offboarded). */
export const DRIFT_CHECKABLE_STATUSES: readonly string[] = ["active", "needs_attention"];
const CHECKABLE = DRIFT_CHECKABLE_STATUSES as string[];
/** The code of the refusal when the tenant is clean by the time a repair looks (another one fixed it). */
export const NOTHING_TO_REPAIR = "drift_clean";

/** Observes one customer's tenant and compares it with the blueprint. Reads only. */
export async function checkDrift(input: { workspaceId: string; customerId: string }, deps: EngineDeps = {}): Promise<DriftReport> {
  const started = Date.now();
  let requests = 0;
  const customer = await loadCustomer(input.workspaceId, input.customerId);
  const blueprint = await loadBlueprint(input.workspaceId);
  const report = (status: DriftStatus, items: DriftItem[], message?: string): DriftReport => ({
    customerId: customer.id, checkedAt: new Date(), blueprintVersion: blueprint.version, status, items, counts: countBySeverity(items),
    requests, wallMs: Date.now() - started, ...(message ? { message } : {}),
  });
  if (!customer.tenantId || !CHECKABLE.includes(customer.status)) {
    return report("blocked", [], `The customer is ${customer.status}; drift is checked for provisioned customers only.`);
  }
  const http = graphFor(customer.tenantId, { ...deps, onExchange: (e) => { requests++; deps.onExchange?.(e); } });
  try {
    let recorded = (_key: string): string | undefined => undefined;
    const { observed, plan } = await observeAndPlan({ ...customer, tenantId: customer.tenantId }, blueprint, http, deps, (records) => {
      recorded = (key) => records.get(key)?.graphId;
      return approverReads(blueprint.definition, recorded);
    });
    if (plan.blocked) return report("blocked", [], plan.blocked.message);
    const approverAnswers = await withAllApproverPages(observed.extraAnswers ?? new Map(), http);
    const approverGroups = approverGroupsFrom(blueprint.definition, recorded, approverAnswers, customer.primaryDomain);
    const items = classifyDrift(plan, { extraRoleScopes: observed.extraRoleScopes ?? [], approverGroups });
    return report(items.length ? "drift" : "clean", items);
  } catch (error) {
    if (asConsentWithdrawn(error)) return report("blocked", [], CONSENT_WITHDRAWN);
    return report("error", [], error instanceof Error ? error.message : String(error));
  }
}

export interface RepairResult {
  runId: string;
  runStatus: RunStatus;
  /** extra role scopes removed, by scope id */
  removedScopes: string[];
  /** approvers added back to their group and members nobody approved removed ("<group key>:<object id>"), and targets Graph no longer knows */
  reconciledApprovers: ReconciledApprovers;
  /** the check after the repair: clean when everything was restored */
  after: DriftReport;
}

/**
 * Applies the plan that fixes the drift (one provisioning run with trigger "repair"), removes
 * extra role scopes, and observes again. Audited with the actor and every item repaired.
 */
export async function repairDrift(input: RepairInput, deps: EngineDeps = {}): Promise<RepairResult> {
  // Ten clicks on Repair (or a click beside the auto-repair) must not each record the same fix.
  return withRepairLock(input.customerId, () => repairLocked(input, deps));
}

type RepairInput = { workspaceId: string; customerId: string; actor: string; requestedById?: string | null; auto?: boolean };

async function repairLocked(input: RepairInput, deps: EngineDeps): Promise<RepairResult> {
  const before = await checkDrift(input, deps);
  if (before.status === "blocked" || before.status === "error") {
    throw new GraphError(`Cannot repair: ${before.message ?? "the tenant could not be observed."}`, { status: 0, code: `drift_${before.status}` });
  }
  if (before.status === "clean") throw new GraphError("Nothing to repair: the tenant already matches the blueprint.", { status: 0, code: NOTHING_TO_REPAIR });
  const runId = await createRun({ workspaceId: input.workspaceId, customerId: input.customerId, trigger: "repair", requestedById: input.requestedById ?? null });
  const items = before.items.map((i) => ({ key: i.key, severity: i.severity, ...(i.field ? { field: i.field } : {}), message: i.message }));
  // What the repair has changed so far: a step that fails part way must not hide the ones before it
  // (a member already removed from a customer's approvers group is audited either way).
  const done: { runStatus?: RunStatus; removedScopes: string[]; reconciledApprovers?: ReconciledApprovers } = { removedScopes: [] };
  let runStatus: RunStatus;
  let reconciledApprovers: ReconciledApprovers;
  try {
    runStatus = done.runStatus = await executeRun(runId, { deps });
    // The run refuses a customer offboarded meanwhile; so does the rest of the repair.
    await stillRepairable(input);
    await removeExtraScopes(input, before.items, deps, done.removedScopes);
    reconciledApprovers = done.reconciledApprovers = await reconcileApprovers(input, before.items, deps);
  } catch (error) {
    if (error instanceof ApproverReconcileError) done.reconciledApprovers = error.done;
    await recordAudit({
      workspaceId: input.workspaceId, actor: input.actor, action: "drift.repair_failed", target: `customer:${input.customerId}`,
      details: {
        runId, ...(done.runStatus ? { runStatus: done.runStatus } : {}), removedScopes: done.removedScopes,
        ...(done.reconciledApprovers ? { reconciledApprovers: { ...done.reconciledApprovers } } : {}), ...(input.auto ? { auto: true } : {}),
        error: error instanceof Error ? error.message : String(error), before: before.counts, items,
      },
    });
    throw error;
  }
  const removedScopes = done.removedScopes;
  const after = await checkDrift(input, deps);
  await saveDriftCheck(input.workspaceId, after, "repair");
  await recordAudit({
    workspaceId: input.workspaceId, actor: input.actor, action: input.auto ? "drift.auto_repaired" : "drift.repaired", target: `customer:${input.customerId}`,
    details: {
      runId, runStatus, removedScopes, reconciledApprovers: { ...reconciledApprovers }, before: before.counts, after: after.counts, items,
    },
  });
  return { runId, runStatus, removedScopes, reconciledApprovers, after };
}

/**
 * Under the customer's lock, before a repair writes: offboarding (or anything else that took the
 * customer out of the provisioned states) since the check means the repair must not touch the tenant.
 */
async function stillRepairable(input: { workspaceId: string; customerId: string }): Promise<void> {
  const { status } = await loadCustomer(input.workspaceId, input.customerId);
  if (!CHECKABLE.includes(status)) throw new GraphError(`Cannot repair: the customer is ${status}; drift is repaired for provisioned customers only.`, { status: 0, code: "drift_blocked" });
}

/**
 * DELETE of each extra role scope, under the customer's lock like every other write. Each one
 * removed is pushed to `removed` as it goes, so a failure part way still tells what was removed.
 */
async function removeExtraScopes(input: { workspaceId: string; customerId: string }, items: DriftItem[], deps: EngineDeps, removed: string[]): Promise<void> {
  const scopes = items.filter((i) => i.kind === "extraRoleScope");
  if (scopes.length === 0) return;
  const customer = await loadCustomer(input.workspaceId, input.customerId);
  if (!customer.tenantId) return;
  const http = graphFor(customer.tenantId, deps);
  await withCustomerLock(customer.id, async () => {
    await stillRepairable(input);
    for (const { scope } of scopes) {
      if (!scope) continue;
      try {
        await http.request("DELETE", `${EM}/accessPackages/${scope.packageId}/resourceRoleScopes/${scope.scopeId}`);
        removed.push(scope.scopeId);
      } catch (error) {
        // Already gone is what we wanted.
        if (!(error instanceof GraphError && error.status === 404)) throw error;
      }
    }
  });
}

/**
 * Approvers removed from their group go back and members nobody approved leave (read after the
 * run, so a group the run made again is filled too). Only when the check found the group's
 * members differ or a group deleted.
 */
async function reconcileApprovers(input: { workspaceId: string; customerId: string }, items: DriftItem[], deps: EngineDeps): Promise<ReconciledApprovers> {
  const none = { added: [], removed: [], unknown: [] };
  if (!items.some((i) => (i.kind === "approverMembers" && i.repairable) || (i.kind === "group" && i.field === undefined))) return none;
  const [customer, blueprint] = await Promise.all([loadCustomer(input.workspaceId, input.customerId), loadBlueprint(input.workspaceId)]);
  if (!customer.tenantId) return none;
  const http = graphFor(customer.tenantId, deps);
  return withCustomerLock(customer.id, async () => {
    await stillRepairable(input);
    const records = await loadRecords(customer.id);
    return reconcileApproverMembers(blueprint.definition, (key) => records.get(key)?.graphId, http);
  });
}

export interface FleetCheck {
  reports: DriftReport[];
  wallMs: number;
}

/**
 * Checks many customers with bounded concurrency; one failing tenant is reported (status
 * error) and never stops the others.
 */
export async function checkFleet(input: { workspaceId: string; customerIds?: string[]; concurrency?: number; onReport?: (report: DriftReport) => void }, deps: EngineDeps = {}): Promise<FleetCheck> {
  const started = Date.now();
  const ids = input.customerIds ?? (await db.customer.findMany({ where: { workspaceId: input.workspaceId, status: { in: CHECKABLE as never } }, select: { id: true }, orderBy: { createdAt: "asc" } })).map((c) => c.id);
  const reports: DriftReport[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const customerId = ids[i]!;
      try {
        reports[i] = await checkDrift({ workspaceId: input.workspaceId, customerId }, deps);
      } catch (error) {
        const message = error instanceof GraphError || error instanceof TokenError || error instanceof Error ? error.message : String(error);
        reports[i] = { customerId, checkedAt: new Date(), blueprintVersion: 0, status: "error", items: [], counts: { high: 0, medium: 0, low: 0 }, requests: 0, wallMs: 0, message };
      }
      input.onReport?.(reports[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency ?? 8, ids.length)) }, worker));
  return { reports, wallMs: Date.now() - started };
}

export interface DriftRun {
  report: DriftReport;
  /** set when the blueprint's autoRepairHighDrift repaired high drift right away */
  repair?: RepairResult;
}

/**
 * A stored check (what the schedule, the page and the CLI run): with the blueprint's
 * autoRepairHighDrift on, high drift is repaired at once (actor "system", audited).
 */
export async function runDriftCheck(input: { workspaceId: string; customerId: string; trigger: DriftTrigger }, deps: EngineDeps = {}): Promise<DriftRun> {
  const report = await checkDrift(input, deps);
  await saveDriftCheck(input.workspaceId, report, input.trigger);
  if (report.counts.high === 0 || !(await loadBlueprint(input.workspaceId)).definition.autoRepairHighDrift) return { report };
  try {
    const repair = await repairDrift({ workspaceId: input.workspaceId, customerId: input.customerId, actor: "system", auto: true }, deps);
    return { report, repair };
  } catch (error) {
    // A person's Repair got there first.
    if (error instanceof GraphError && error.code === NOTHING_TO_REPAIR) return { report };
    throw error;
  }
}

/** Every checkable customer of every workspace (the scheduled sweep), stored, bounded. */
export async function runScheduledDriftSweep(options: { concurrency?: number } = {}, deps: EngineDeps = {}): Promise<{ customers: number; drifted: number; failed: number; wallMs: number }> {
  const started = Date.now();
  const customers = await db.customer.findMany({ where: { status: { in: CHECKABLE as never } }, select: { id: true, workspaceId: true }, orderBy: { createdAt: "asc" } });
  let next = 0;
  let drifted = 0;
  let failed = 0;
  const worker = async () => {
    while (next < customers.length) {
      const c = customers[next++]!;
      try {
        const { report } = await runDriftCheck({ workspaceId: c.workspaceId, customerId: c.id, trigger: "schedule" }, deps);
        if (report.status === "drift") drifted++;
        if (report.status === "error") failed++;
      } catch {
        // One tenant's failure (a repair that could not finish) never stops the sweep.
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, customers.length)) }, worker));
  return { customers: customers.length, drifted, failed, wallMs: Date.now() - started };
}
