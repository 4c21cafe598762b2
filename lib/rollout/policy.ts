// The rollout's decisions, without I/O: what a finished provisioning run means for its customer,
// how many customers may start now, and when a rollout is over.
import type { ProvisioningRunStatus, RolloutCustomerStatus, RolloutStatus } from "@/lib/generated/prisma/enums";

/** Rollouts that hold the workspace's one active slot (the migration's partial unique index). */
export const ACTIVE_ROLLOUT: readonly RolloutStatus[] = ["queued", "running", "paused"];

/** Customers a rollout applies to: consent proven and provisioned before. */
export const ROLLOUT_CUSTOMER_WHERE = { status: { in: ["active" as const, "needs_attention" as const] }, tenantId: { not: null } };

/** Step actions that write to the tenant: a run with one of these succeeded changed something there. */
export const WRITING_ACTIONS = ["create", "update", "adopt", "remove"] as const;

const RUN_ENDED: readonly ProvisioningRunStatus[] = ["succeeded", "failed", "needs_attention", "blocked"];

export interface RunResult {
  status: ProvisioningRunStatus;
  /** steps of the run that wrote to the tenant and succeeded */
  changes: number;
  errorMessage: string | null;
  attentionReason: string | null;
}

export interface CustomerOutcome {
  status: Extract<RolloutCustomerStatus, "succeeded" | "failed">;
  changes: number;
  message: string | null;
}

/** null while the run is still queued or running. */
export function outcomeOfRun(run: RunResult): CustomerOutcome | null {
  if (!RUN_ENDED.includes(run.status)) return null;
  if (run.status === "succeeded") return { status: "succeeded", changes: run.changes, message: null };
  const why = run.attentionReason ?? run.errorMessage;
  const word = run.status === "needs_attention" ? "needs attention" : run.status;
  return { status: "failed", changes: run.changes, message: why ? why : `The provisioning run ended ${word}.` };
}

/** Customers the rollout may start now: none unless it is running, never above its concurrency. */
export function freeSlots(status: RolloutStatus, concurrency: number, running: number): number {
  if (status !== "running" && status !== "queued") return 0;
  return Math.max(0, concurrency - running);
}

/**
 * Where the rollout goes once this tick's outcomes are in. A paused or cancelled rollout keeps
 * reconciling until its running customers finish; then its job stops (a paused one waits for
 * Resume). A running rollout with nothing left pending or running is complete.
 */
export function settle(status: RolloutStatus, left: { pending: number; running: number }): { status: RolloutStatus; jobDone: boolean; finished: boolean } {
  if (status === "completed") return { status, jobDone: true, finished: false };
  if (left.pending === 0 && left.running === 0 && status !== "cancelled") return { status: "completed", jobDone: true, finished: true };
  if (status === "cancelled") return { status, jobDone: left.running === 0, finished: left.running === 0 };
  if (status === "paused") return { status, jobDone: left.running === 0, finished: false };
  return { status, jobDone: false, finished: false };
}

export interface RolloutCounts {
  total: number;
  pending: number;
  running: number;
  /** succeeded and changed at least one object */
  succeeded: number;
  /** succeeded with nothing to change: the tenant already matched */
  unchanged: number;
  failed: number;
  skipped: number;
}

/** From per-status group counts (SQL GROUP BY status, changes > 0). */
export function countCustomers(groups: readonly { status: RolloutCustomerStatus; changed: boolean; n: number }[]): RolloutCounts {
  const counts: RolloutCounts = { total: 0, pending: 0, running: 0, succeeded: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const group of groups) {
    counts.total += group.n;
    if (group.status === "succeeded") counts[group.changed ? "succeeded" : "unchanged"] += group.n;
    else counts[group.status] += group.n;
  }
  return counts;
}
