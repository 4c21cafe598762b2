import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { saveDriftCheck, type DriftTrigger } from "@/lib/data/drift";
import { GraphError, TokenError } from "@/lib/graph/errors";
import { EM } from "@/lib/graph/recipe-paths";
import { asConsentWithdrawn } from "./apply";
import { batchValue, type GraphHttp } from "@/lib/graph/http";
import type { BlueprintDefinition } from "./blueprint";
import { classifyDrift, countBySeverity, type DriftItem, type DriftSeverity, type EmptyApproverGroup } from "./drift-classify";
import { stepKey } from "./keys";
import type { Observed } from "./observed";
import { CONSENT_WITHDRAWN, executeRun, graphFor, observeAndPlan, type EngineDeps } from "./execute";
import { createRun } from "./index";
import { withCustomerLock } from "./lock";
import { loadBlueprint, loadCustomer } from "./store";
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

const CHECKABLE = ["active", "needs_attention"];

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
    const { observed, plan } = await observeAndPlan({ ...customer, tenantId: customer.tenantId }, blueprint, http, deps);
    if (plan.blocked) return report("blocked", [], plan.blocked.message);
    const emptyApproverGroups = await emptyApprovers(blueprint.definition, observed, http);
    const items = classifyDrift(plan, { extraRoleScopes: observed.extraRoleScopes ?? [], emptyApproverGroups });
    return report(items.length ? "drift" : "clean", items);
  } catch (error) {
    if (asConsentWithdrawn(error)) return report("blocked", [], CONSENT_WITHDRAWN);
    return report("error", [], error instanceof Error ? error.message : String(error));
  }
}

/**
 * Approver groups with no members while the package that fills them has delivered
 * assignments: someone emptied the group by hand. One `$batch` round trip for all of them.
 */
async function emptyApprovers(blueprint: BlueprintDefinition, observed: Observed, http: GraphHttp): Promise<EmptyApproverGroup[]> {
  const groups = [...new Set(blueprint.accessPackages.flatMap((p) => p.policy.stages).flatMap((a) => (a.type === "group" ? [a.group] : [])))];
  const targets = groups.flatMap((key) => {
    const groupId = observed.objects.get(stepKey.group(key))?.graphId;
    const pkg = blueprint.accessPackages.find((p) => p.group === key);
    const packageId = pkg ? observed.objects.get(stepKey.accessPackage(pkg.key))?.graphId : undefined;
    return groupId && packageId ? [{ key, groupId, packageId, displayName: blueprint.groups.find((g) => g.key === key)?.displayName ?? key }] : [];
  });
  if (targets.length === 0) return [];
  const answers = await http.batch(targets.flatMap((t) => [
    { id: `members:${t.key}`, method: "GET" as const, url: `/groups/${t.groupId}/members?$select=id&$top=1` },
    { id: `assignments:${t.key}`, method: "GET" as const, url: `${EM}/assignments?$filter=${encodeURIComponent(`accessPackage/id eq '${t.packageId}' and state eq 'Delivered'`)}&$select=id` },
  ]));
  return targets.flatMap((t) => {
    const members = batchValue<{ value?: unknown[] }>(answers.get(`members:${t.key}`), `read the members of ${t.displayName}`).value ?? [];
    const delivered = (batchValue<{ value?: unknown[] }>(answers.get(`assignments:${t.key}`), `read the assignments that fill ${t.displayName}`).value ?? []).length;
    return members.length === 0 && delivered > 0 ? [{ key: t.key, displayName: t.displayName, deliveredAssignments: delivered }] : [];
  });
}

export interface RepairResult {
  runId: string;
  runStatus: RunStatus;
  /** extra role scopes removed, by scope id */
  removedScopes: string[];
  /** the check after the repair: clean when everything was restored */
  after: DriftReport;
}

/**
 * Applies the plan that fixes the drift (one provisioning run with trigger "repair"), removes
 * extra role scopes, and observes again. Audited with the actor and every item repaired.
 */
export async function repairDrift(input: { workspaceId: string; customerId: string; actor: string; requestedById?: string | null; auto?: boolean }, deps: EngineDeps = {}): Promise<RepairResult> {
  const before = await checkDrift(input, deps);
  if (before.status === "blocked" || before.status === "error") {
    throw new GraphError(`Cannot repair: ${before.message ?? "the tenant could not be observed."}`, { status: 0, code: `drift_${before.status}` });
  }
  const runId = await createRun({ workspaceId: input.workspaceId, customerId: input.customerId, trigger: "repair", requestedById: input.requestedById ?? null });
  const runStatus = await executeRun(runId, { deps });
  const removedScopes = await removeExtraScopes(input, before.items, deps);
  const after = await checkDrift(input, deps);
  await saveDriftCheck(input.workspaceId, after, "repair");
  await recordAudit({
    workspaceId: input.workspaceId, actor: input.actor, action: input.auto ? "drift.auto_repaired" : "drift.repaired", target: `customer:${input.customerId}`,
    details: {
      runId, runStatus, removedScopes, before: before.counts, after: after.counts,
      items: before.items.map((i) => ({ key: i.key, severity: i.severity, ...(i.field ? { field: i.field } : {}), message: i.message })),
    },
  });
  return { runId, runStatus, removedScopes, after };
}

/** DELETE of each extra role scope, under the customer's lock like every other write. */
async function removeExtraScopes(input: { workspaceId: string; customerId: string }, items: DriftItem[], deps: EngineDeps): Promise<string[]> {
  const scopes = items.filter((i) => i.kind === "extraRoleScope");
  if (scopes.length === 0) return [];
  const customer = await loadCustomer(input.workspaceId, input.customerId);
  if (!customer.tenantId) return [];
  const http = graphFor(customer.tenantId, deps);
  return withCustomerLock(customer.id, async () => {
    const removed: string[] = [];
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
    return removed;
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
  const repair = await repairDrift({ workspaceId: input.workspaceId, customerId: input.customerId, actor: "system", auto: true }, deps);
  return { report, repair };
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
