import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TenantRows } from "./normalize";
import { planTenant, type CurrentRows, type TablePlan } from "./plan-writes";

type Tx = Prisma.TransactionClient;
type Scope = { workspaceId: string; customerId: string };

// Two-int advisory lock class for sync writes ("gh" + 2); provisioning uses 0x676801.
const SYNC_LOCK_CLASS = 0x676802;

export interface WriteCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** test seam: called after each table is written, inside the transaction */
  onTableWritten?: (table: "assignments" | "requests" | "approvers") => Promise<void> | void;
}

const assignmentFields = {
  id: true, graphId: true, accessPackageId: true, accessPackageName: true, tier: true, state: true, status: true,
  targetObjectId: true, targetDisplayName: true, targetEmail: true, targetPrincipalName: true, portalUserId: true, startAt: true, expiresAt: true,
} satisfies Prisma.SyncedAssignmentSelect;
const requestFields = {
  id: true, graphId: true, accessPackageId: true, accessPackageName: true, tier: true, state: true, status: true, requestType: true,
  justification: true, requestorObjectId: true, requestorName: true, requestorEmail: true, requestorPrincipal: true, portalUserId: true,
  requestedAt: true, completedAt: true,
} satisfies Prisma.SyncedRequestSelect;
const approverFields = { id: true, objectId: true, displayName: true, email: true, principalName: true, portalUserId: true } satisfies Prisma.SyncedApproverSelect;

/** What the portal holds of one tenant now (inside a transaction, or outside it to compare first). */
export async function readCurrent(scope: Scope, client: Tx = db): Promise<CurrentRows> {
  const where = { workspaceId: scope.workspaceId, customerId: scope.customerId };
  const [assignments, requests, approvers] = await Promise.all([
    client.syncedAssignment.findMany({ where, select: assignmentFields }),
    client.syncedRequest.findMany({ where, select: requestFields }),
    client.syncedApprover.findMany({ where, select: approverFields }),
  ]);
  return { assignments, requests, approvers };
}

interface TableWriter<Row> {
  insert: (rows: Row[]) => Promise<unknown>;
  update: (id: string, row: Row) => Promise<unknown>;
  remove: (ids: string[]) => Promise<unknown>;
}

async function apply<Row>(plan: TablePlan<Row>, writer: TableWriter<Row>, counts: WriteCounts): Promise<void> {
  if (plan.inserts.length) await writer.insert(plan.inserts);
  for (const u of plan.updates) await writer.update(u.id, u.row);
  if (plan.deletes.length) await writer.remove(plan.deletes);
  counts.inserted += plan.inserts.length;
  counts.updated += plan.updates.length;
  counts.deleted += plan.deletes.length;
}

/**
 * Replaces what the portal knows of one tenant with `rows`, in one transaction: readers see the
 * previous sync or this one, never a mix, and a crash or abort half-way leaves the previous data.
 * Concurrent syncs of one customer queue on a transaction-scoped advisory lock, and the current
 * rows are read again under it. Only rows that differ are written.
 */
export async function writeTenant(scope: Scope, rows: TenantRows, options: WriteOptions = {}): Promise<WriteCounts> {
  const { workspaceId, customerId } = scope;
  const counts: WriteCounts = { inserted: 0, updated: 0, deleted: 0 };
  const where = { workspaceId, customerId };
  const checkpoint = async (table: "assignments" | "requests" | "approvers") => {
    await options.onTableWritten?.(table);
    options.signal?.throwIfAborted();
  };
  await db.$transaction(async (tx: Tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SYNC_LOCK_CLASS}::int, hashtext(${customerId}))`;
    const plan = planTenant(rows, await readCurrent(scope, tx));
    const syncedAt = new Date();
    await apply(plan.assignments, {
      insert: (list) => tx.syncedAssignment.createMany({ data: list.map((r) => ({ ...r, ...where })) }),
      update: (id, r) => tx.syncedAssignment.update({ where: { id }, data: { ...r, syncedAt }, select: { id: true } }),
      remove: (ids) => tx.syncedAssignment.deleteMany({ where: { ...where, id: { in: ids } } }),
    }, counts);
    await checkpoint("assignments");
    await apply(plan.requests, {
      insert: (list) => tx.syncedRequest.createMany({ data: list.map((r) => ({ ...r, ...where })) }),
      update: (id, r) => tx.syncedRequest.update({ where: { id }, data: { ...r, syncedAt }, select: { id: true } }),
      remove: (ids) => tx.syncedRequest.deleteMany({ where: { ...where, id: { in: ids } } }),
    }, counts);
    await checkpoint("requests");
    await apply(plan.approvers, {
      insert: (list) => tx.syncedApprover.createMany({ data: list.map((r) => ({ ...r, ...where })) }),
      update: (id, r) => tx.syncedApprover.update({ where: { id }, data: { ...r, syncedAt }, select: { id: true } }),
      remove: (ids) => tx.syncedApprover.deleteMany({ where: { ...where, id: { in: ids } } }),
    }, counts);
    await checkpoint("approvers");
  }, { timeout: 60_000, maxWait: 30_000 });
  return counts;
}
