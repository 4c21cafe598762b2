import "server-only";
import type { db } from "@/lib/db";
import type { Prisma, RolloutCustomerStatus } from "@/lib/generated/prisma/client";
import { countCustomers, type RolloutCounts } from "./policy";

type Client = Prisma.TransactionClient | typeof db;

/** The rollout's customers by outcome, from their rows (one grouped query). */
export async function countRolloutCustomers(client: Client, rolloutId: string): Promise<RolloutCounts> {
  const groups = await client.$queryRaw<{ status: RolloutCustomerStatus; changed: boolean; n: number }[]>`
    SELECT status, COALESCE(changes, 0) > 0 AS changed, count(*)::int AS n FROM "RolloutCustomer" WHERE "rolloutId" = ${rolloutId}::uuid GROUP BY 1, 2`;
  return countCustomers(groups);
}

/** The counts the rollout row keeps for lists and the audit trail. */
export function storedCounts(counts: RolloutCounts) {
  return { total: counts.total, succeeded: counts.succeeded, unchanged: counts.unchanged, failed: counts.failed, skipped: counts.skipped };
}
