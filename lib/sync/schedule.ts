import "server-only";
import { db } from "@/lib/db";
import type { CustomerStatus } from "@/lib/generated/prisma/client";

/** Customers whose tenant Gatehouse can read: consent proven and not being let go. */
export const SYNCABLE_STATUSES: CustomerStatus[] = ["consented", "provisioning", "active", "needs_attention"];

/**
 * Customers due for a sync across all workspaces: never synced, or past their `nextSyncAt`
 * (the interval after a success, the backoff after a failure). Oldest due first.
 */
export async function dueCustomers(now: Date, limit = 1000): Promise<{ workspaceId: string; customerId: string }[]> {
  const rows = await db.customer.findMany({
    where: {
      status: { in: SYNCABLE_STATUSES },
      tenantId: { not: null },
      OR: [{ sync: null }, { sync: { nextSyncAt: null } }, { sync: { nextSyncAt: { lte: now } } }],
    },
    select: { id: true, workspaceId: true, sync: { select: { nextSyncAt: true } } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  rows.sort((a, b) => (a.sync?.nextSyncAt?.getTime() ?? 0) - (b.sync?.nextSyncAt?.getTime() ?? 0));
  return rows.map((r) => ({ workspaceId: r.workspaceId, customerId: r.id }));
}
