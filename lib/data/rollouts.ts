import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import type { RolloutCustomerStatus, RolloutStatus } from "@/lib/generated/prisma/client";
import { countRolloutCustomers } from "@/lib/rollout/counts";
import { ACTIVE_ROLLOUT } from "@/lib/rollout/policy";
import { isGuid } from "@/lib/utils/guid";

/** Finished customers shown by kind; the counts cover the rest, so a 1,000-customer rollout stays a small answer. */
const LISTED_PER_KIND = 100;
const RECENT_SUCCESSES = 10;

export interface RolloutCustomerView {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  status: RolloutCustomerStatus;
  /** no Graph write: the tenant already matched */
  unchanged: boolean;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RolloutSummaryView {
  id: string;
  status: RolloutStatus;
  blueprintVersion: number;
  concurrency: number;
  startedByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  counts: { total: number; pending: number; running: number; succeeded: number; unchanged: number; failed: number; skipped: number };
}

export interface RolloutView extends RolloutSummaryView {
  /** the pause took effect: no customer is running any more */
  active: boolean;
  running: RolloutCustomerView[];
  failed: RolloutCustomerView[];
  skipped: RolloutCustomerView[];
  recent: RolloutCustomerView[];
}

const summarySelect = {
  id: true, status: true, blueprintVersion: true, concurrency: true, createdAt: true, finishedAt: true,
  total: true, succeeded: true, unchanged: true, failed: true, skipped: true,
  startedBy: { select: { name: true } },
} as const;

const customerSelect = {
  customerId: true, status: true, message: true, changes: true, startedAt: true, finishedAt: true,
  customer: { select: { displayName: true, primaryDomain: true } },
} as const;

type CustomerRow = { customerId: string; status: RolloutCustomerStatus; message: string | null; changes: number | null; startedAt: Date | null; finishedAt: Date | null; customer: { displayName: string; primaryDomain: string } };

function customerView(row: CustomerRow): RolloutCustomerView {
  return {
    customerId: row.customerId, displayName: row.customer.displayName, primaryDomain: row.customer.primaryDomain, status: row.status,
    unchanged: row.status === "succeeded" && (row.changes ?? 0) === 0, message: row.message,
    startedAt: row.startedAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

type SummaryRow = { id: string; status: RolloutStatus; blueprintVersion: number; concurrency: number; createdAt: Date; finishedAt: Date | null; total: number; succeeded: number; unchanged: number; failed: number; skipped: number; startedBy: { name: string } | null };

function summaryView(row: SummaryRow): RolloutSummaryView {
  // The row's counts, kept by each tick; not started and running are told apart only live.
  const unfinished = row.total - row.succeeded - row.unchanged - row.failed - row.skipped;
  return {
    id: row.id, status: row.status, blueprintVersion: row.blueprintVersion, concurrency: row.concurrency, startedByName: row.startedBy?.name ?? null,
    createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
    counts: { total: row.total, succeeded: row.succeeded, unchanged: row.unchanged, failed: row.failed, skipped: row.skipped, pending: unfinished, running: 0 },
  };
}

/** One rollout of the user's workspace; another workspace's id (or a malformed one) is "not found". */
export async function getRolloutView(user: CurrentUser, rolloutId: string): Promise<RolloutView> {
  requirePermission(user, "provisioning:apply");
  return rolloutViewIn(user.workspace.id, rolloutId);
}

/** The same for callers that are the workspace already (the CLI). */
export async function rolloutViewIn(workspaceId: string, rolloutId: string): Promise<RolloutView> {
  if (!isGuid(rolloutId)) throw new NotFoundError("The rollout");
  const rollout = await db.rollout.findFirst({ where: { id: rolloutId, workspaceId }, select: summarySelect });
  if (!rollout) throw new NotFoundError("The rollout");
  const scope = { rolloutId, workspaceId };
  // Counted live from the customers' rows: the rollout's own counts trail them by a tick.
  const [counts, running, failed, skipped, recent] = await Promise.all([
    countRolloutCustomers(db, rolloutId),
    db.rolloutCustomer.findMany({ where: { ...scope, status: "running" }, orderBy: { startedAt: "asc" }, select: customerSelect }),
    db.rolloutCustomer.findMany({ where: { ...scope, status: "failed" }, orderBy: { customer: { displayName: "asc" } }, take: LISTED_PER_KIND, select: customerSelect }),
    db.rolloutCustomer.findMany({ where: { ...scope, status: "skipped" }, orderBy: { customer: { displayName: "asc" } }, take: LISTED_PER_KIND, select: customerSelect }),
    db.rolloutCustomer.findMany({ where: { ...scope, status: "succeeded" }, orderBy: { finishedAt: "desc" }, take: RECENT_SUCCESSES, select: customerSelect }),
  ]);
  return {
    ...summaryView(rollout),
    counts,
    active: ACTIVE_ROLLOUT.includes(rollout.status) || running.length > 0,
    running: running.map(customerView), failed: failed.map(customerView), skipped: skipped.map(customerView), recent: recent.map(customerView),
  };
}

/** The workspace's rollouts, newest first. */
export async function listRollouts(user: CurrentUser, take = 20): Promise<RolloutSummaryView[]> {
  requirePermission(user, "provisioning:apply");
  const rows = await db.rollout.findMany({ where: { workspaceId: user.workspace.id }, orderBy: { createdAt: "desc" }, take, select: summarySelect });
  return rows.map(summaryView);
}
