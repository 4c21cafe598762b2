import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { CHECKABLE_STATUSES } from "@/lib/data/drift";
import { runDriftCheck } from "@/lib/provisioning/drift";
import { driftCheckJob, type DriftCheckData } from "./definitions";

/** The drift check job bound to the engine (registry lists it). */
export const driftCheck = driftCheckJob({ runDriftCheck: (data: DriftCheckData) => runDriftCheck(data), concurrency: env.DRIFT_CHECK_CONCURRENCY });

/**
 * The customers whose newest drift check is older than the interval (or who have none).
 * Every worker asks this on its own timer: the answer, not the timer, decides, so several
 * workers do not multiply the checks (and a waiting job per customer is deduplicated).
 */
export async function dueDriftChecks(intervalHours: number, now: Date = new Date()): Promise<DriftCheckData[]> {
  const since = new Date(now.getTime() - intervalHours * 3_600_000);
  const customers = await db.customer.findMany({
    where: { status: { in: [...CHECKABLE_STATUSES] }, tenantId: { not: null }, driftChecks: { none: { checkedAt: { gte: since } } } },
    select: { id: true, workspaceId: true },
    orderBy: { createdAt: "asc" },
  });
  return customers.map((c) => ({ workspaceId: c.workspaceId, customerId: c.id, trigger: "schedule" as const }));
}

