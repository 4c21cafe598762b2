import "server-only";
import { db } from "@/lib/db";
import type { GraphAccessConfig } from "@/lib/graph/config";
import type { GraphExchange } from "@/lib/graph/http";
import { graphFor } from "@/lib/provisioning/execute";
import { blueprintKeyOf } from "@/lib/provisioning/keys";
import { backoffAfterFailures, classifySyncError, type SyncFailure } from "./failure";
import { toRows } from "./normalize";
import { readTenant } from "./read";
import { changesIn, planTenant } from "./plan-writes";
import { readCurrent, writeTenant, type WriteOptions } from "./store";

export type SyncTrigger = "schedule" | "manual" | "retry";

export interface SyncDeps {
  graphAccess?: GraphAccessConfig | null;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => Date;
  timeoutMs?: number;
  /** minutes between successful syncs of one customer (SYNC_INTERVAL_MINUTES) */
  intervalMinutes?: number;
  onExchange?: (exchange: GraphExchange) => void;
  onTableWritten?: WriteOptions["onTableWritten"];
}

export interface SyncResult {
  runId: string;
  status: "succeeded" | "failed";
  assignments: number;
  requests: number;
  approvers: number;
  changed: number;
  graphRequests: number;
  failure?: SyncFailure;
}

/** The registry entries the sync needs: package id → tier key, and the approvers group. */
async function loadRegistry(customerId: string): Promise<{ tiers: Map<string, string>; approversGroupId: string | null }> {
  const records = await db.tenantObject.findMany({ where: { customerId, kind: { in: ["accessPackage", "group"] } }, select: { key: true, kind: true, graphId: true } });
  const tiers = new Map<string, string>();
  let approversGroupId: string | null = null;
  for (const r of records) {
    if (r.kind === "accessPackage") tiers.set(r.graphId.toLowerCase(), blueprintKeyOf(r.key));
    if (r.kind === "group" && r.key === "group:approvers") approversGroupId = r.graphId;
  }
  return { tiers, approversGroupId };
}

/**
 * Pulls one customer tenant into the portal and records the run. Never throws for a Graph or
 * token failure: the failure is the run's outcome, the customer is marked with the reason and
 * its next attempt is pushed back, so a batch of customers keeps going.
 */
export async function syncCustomer(scope: { workspaceId: string; customerId: string }, trigger: SyncTrigger, deps: SyncDeps = {}, signal?: AbortSignal): Promise<SyncResult> {
  const now = deps.now ?? (() => new Date());
  const { workspaceId, customerId } = scope;
  const customer = await db.customer.findFirst({ where: { id: customerId, workspaceId }, select: { id: true, tenantId: true } });
  if (!customer) throw new Error(`Customer ${customerId} does not exist in workspace ${workspaceId}.`);
  // The run is recorded while Graph is read: the database work waits on Graph, not before it.
  const created = db.syncRun.create({ data: { workspaceId, customerId, trigger, startedAt: now() }, select: { id: true } });
  let graphRequests = 0;
  try {
    if (!customer.tenantId) {
      const failure: SyncFailure = { code: "not_consented", reason: "The customer has not granted consent yet, so there is no tenant to sync." };
      return await finishFailed(scope, (await created).id, failure, graphRequests, now, deps);
    }
    const http = graphFor(customer.tenantId, { ...deps, onExchange: (e) => { graphRequests++; deps.onExchange?.(e); } }, signal);
    const registry = loadRegistry(customerId);
    // Everything below overlaps the Graph round trip; the stored rows are read to compare, so
    // a no-change sync ends without opening a write transaction.
    const [run, staff, current, snapshot, { tiers }] = await Promise.all([
      created,
      db.portalUser.findMany({ where: { workspaceId }, select: { id: true, email: true } }),
      readCurrent(scope),
      registry.then((r) => readTenant(http, r.approversGroupId)),
      registry,
    ]);
    const rows = toRows(snapshot, staff, (id) => tiers.get(id) ?? null);
    // Compared without the lock: a sync that writes nothing cannot mix its data with another's.
    const counts = changesIn(planTenant(rows, current)) === 0 ? { inserted: 0, updated: 0, deleted: 0 } : await writeTenant(scope, rows, { ...(signal ? { signal } : {}), ...(deps.onTableWritten ? { onTableWritten: deps.onTableWritten } : {}) });
    const changed = counts.inserted + counts.updated + counts.deleted;
    const finishedAt = now();
    const nextSyncAt = addMinutes(finishedAt, deps.intervalMinutes ?? 15);
    // Two independent records, written side by side: a crash between them only leaves the
    // customer due again, and the next sync records it.
    await Promise.all([
      db.syncRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt, assignmentsCount: rows.assignments.length, requestsCount: rows.requests.length, approversCount: rows.approvers.length, changedCount: changed, graphRequests }, select: { id: true } }),
      db.customerSync.upsert({
        where: { customerId },
        create: { customerId, workspaceId, lastAttemptAt: finishedAt, lastSuccessAt: finishedAt, failures: 0, nextSyncAt },
        update: { lastAttemptAt: finishedAt, lastSuccessAt: finishedAt, failures: 0, failureCode: null, failureReason: null, nextSyncAt },
        select: { customerId: true },
      }),
    ]);
    return { runId: run.id, status: "succeeded", assignments: rows.assignments.length, requests: rows.requests.length, approvers: rows.approvers.length, changed, graphRequests };
  } catch (error) {
    return finishFailed(scope, (await created).id, classifySyncError(error), graphRequests, now, deps);
  }
}

function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

async function finishFailed(scope: { workspaceId: string; customerId: string }, runId: string, failure: SyncFailure, graphRequests: number, now: () => Date, deps: SyncDeps): Promise<SyncResult> {
  const finishedAt = now();
  const previous = await db.customerSync.findUnique({ where: { customerId: scope.customerId }, select: { failures: true } });
  const failures = (previous?.failures ?? 0) + 1;
  // A tenant that is not consented cannot heal by retrying: check it at the normal interval.
  const delay = failure.code === "not_consented" ? deps.intervalMinutes ?? 15 : backoffAfterFailures(failures);
  await db.$transaction([
    db.syncRun.update({ where: { id: runId }, data: { status: "failed", finishedAt, errorCode: failure.code, errorMessage: failure.reason, graphRequests }, select: { id: true } }),
    db.customerSync.upsert({
      where: { customerId: scope.customerId },
      // Named fields, not the scope object: callers pass the job's data, which carries more.
      create: { workspaceId: scope.workspaceId, customerId: scope.customerId, lastAttemptAt: finishedAt, failures, failureCode: failure.code, failureReason: failure.reason, nextSyncAt: addMinutes(finishedAt, delay) },
      update: { lastAttemptAt: finishedAt, failures, failureCode: failure.code, failureReason: failure.reason, nextSyncAt: addMinutes(finishedAt, delay) },
      select: { customerId: true },
    }),
  ]);
  return { runId, status: "failed", assignments: 0, requests: 0, approvers: 0, changed: 0, graphRequests, failure };
}
