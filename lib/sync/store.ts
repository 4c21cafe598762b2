import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApproverRow, AssignmentRow, RequestRow, TenantRows } from "./normalize";

type Tx = Prisma.TransactionClient;

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

const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime() : a === b);
function differs<T extends object>(next: T, current: Record<string, unknown>): boolean {
  return Object.entries(next).some(([k, v]) => !same(v, current[k]));
}

interface TableOps<Row extends object> {
  key: (row: Row) => string;
  existing: () => Promise<(Record<string, unknown> & { id: string })[]>;
  existingKey: (row: Record<string, unknown>) => string;
  insert: (rows: Row[]) => Promise<unknown>;
  update: (id: string, row: Row) => Promise<unknown>;
  remove: (ids: string[]) => Promise<unknown>;
}

/** Makes one table equal to `rows` with the fewest writes: a no-change sync writes nothing. */
async function reconcile<Row extends object>(rows: Row[], ops: TableOps<Row>, counts: WriteCounts): Promise<void> {
  const current = new Map((await ops.existing()).map((r) => [ops.existingKey(r), r]));
  const inserts: Row[] = [];
  for (const row of rows) {
    const found = current.get(ops.key(row));
    if (!found) inserts.push(row);
    else {
      current.delete(ops.key(row));
      if (differs(row, found)) { await ops.update(found.id, row); counts.updated++; }
    }
  }
  if (inserts.length) { await ops.insert(inserts); counts.inserted += inserts.length; }
  const gone = [...current.values()].map((r) => r.id);
  if (gone.length) { await ops.remove(gone); counts.deleted += gone.length; }
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

/**
 * Replaces what the portal knows of one tenant with `rows`, in one transaction: readers see the
 * previous sync or this one, never a mix, and a crash or abort half-way leaves the previous data.
 * Concurrent syncs of one customer queue on a transaction-scoped advisory lock.
 */
export async function writeTenant(scope: { workspaceId: string; customerId: string }, rows: TenantRows, options: WriteOptions = {}): Promise<WriteCounts> {
  const { workspaceId, customerId } = scope;
  const counts: WriteCounts = { inserted: 0, updated: 0, deleted: 0 };
  const where = { workspaceId, customerId };
  const checkpoint = async (table: "assignments" | "requests" | "approvers") => {
    await options.onTableWritten?.(table);
    options.signal?.throwIfAborted();
  };
  await db.$transaction(async (tx: Tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SYNC_LOCK_CLASS}::int, hashtext(${customerId}))`;
    await reconcile<AssignmentRow>(rows.assignments, {
      key: (r) => r.graphId, existingKey: (r) => String(r.graphId),
      existing: () => tx.syncedAssignment.findMany({ where, select: assignmentFields }),
      insert: (list) => tx.syncedAssignment.createMany({ data: list.map((r) => ({ ...r, ...where })) }),
      update: (id, r) => tx.syncedAssignment.update({ where: { id }, data: { ...r, syncedAt: new Date() }, select: { id: true } }),
      remove: (ids) => tx.syncedAssignment.deleteMany({ where: { ...where, id: { in: ids } } }),
    }, counts);
    await checkpoint("assignments");
    await reconcile<RequestRow>(rows.requests, {
      key: (r) => r.graphId, existingKey: (r) => String(r.graphId),
      existing: () => tx.syncedRequest.findMany({ where, select: requestFields }),
      insert: (list) => tx.syncedRequest.createMany({ data: list.map((r) => ({ ...r, ...where })) }),
      update: (id, r) => tx.syncedRequest.update({ where: { id }, data: { ...r, syncedAt: new Date() }, select: { id: true } }),
      remove: (ids) => tx.syncedRequest.deleteMany({ where: { ...where, id: { in: ids } } }),
    }, counts);
    await checkpoint("requests");
    await reconcile<ApproverRow>(rows.approvers, {
      key: (r) => r.objectId, existingKey: (r) => String(r.objectId),
      existing: () => tx.syncedApprover.findMany({ where, select: approverFields }),
      insert: (list) => tx.syncedApprover.createMany({ data: list.map((r) => ({ ...r, ...where })) }),
      update: (id, r) => tx.syncedApprover.update({ where: { id }, data: { ...r, syncedAt: new Date() }, select: { id: true } }),
      remove: (ids) => tx.syncedApprover.deleteMany({ where: { ...where, id: { in: ids } } }),
    }, counts);
    await checkpoint("approvers");
  }, { timeout: 60_000, maxWait: 30_000 });
  return counts;
}
