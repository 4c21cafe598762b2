import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { daysLeft } from "@/lib/access/urgency";
import { getAccessMatrix } from "./access-matrix";

const PAGE = 1000;
const DAY_MS = 86_400_000;

type Row = (string | number | null)[];

export const EXPIRY_HEADER = ["Customer", "Package", "Tier", "Person", "Email", "Staff member", "Expires at (UTC)", "Days left"];

/**
 * The expiry list, page by page (keyset on expiresAt then id), so a 100,000-row export streams
 * without loading everything. Permission and workspace are checked before the first row.
 */
export function expiryRows(user: CurrentUser, windowDays: number, now = new Date()): AsyncGenerator<Row> {
  requirePermission(user, "dashboard:read");
  const workspaceId = user.workspace.id;
  const until = new Date(now.getTime() + windowDays * DAY_MS);
  return (async function* () {
    let cursor: { id: string } | undefined;
    for (;;) {
      const page = await db.syncedAssignment.findMany({
        where: { workspaceId, state: "delivered", expiresAt: { gt: now, lte: until } },
        select: {
          id: true,
          accessPackageName: true,
          tier: true,
          targetDisplayName: true,
          targetEmail: true,
          targetPrincipalName: true,
          expiresAt: true,
          customer: { select: { displayName: true } },
          portalUser: { select: { name: true, email: true } },
        },
        orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
        take: PAGE,
        ...(cursor ? { cursor, skip: 1 } : {}),
      });
      for (const r of page) {
        yield [
          r.customer.displayName,
          r.accessPackageName,
          r.tier,
          r.portalUser?.name ?? r.targetDisplayName ?? r.targetPrincipalName,
          r.portalUser?.email ?? r.targetEmail ?? r.targetPrincipalName,
          r.portalUser ? "yes" : "no",
          r.expiresAt!.toISOString(),
          daysLeft(r.expiresAt!, now),
        ];
      }
      if (page.length < PAGE) return;
      cursor = { id: page[page.length - 1]!.id };
    }
  })();
}

/** The matrix as CSV: one row per staff member, per customer "tier (N days)" or empty. */
export async function matrixCsv(user: CurrentUser, search: string | undefined, now = new Date()): Promise<{ header: string[]; rows: AsyncGenerator<Row> }> {
  const matrix = await getAccessMatrix(user, { search, now });
  const header = ["Person", "Email", ...matrix.customers.map((c) => c.displayName)];
  async function* rows(): AsyncGenerator<Row> {
    for (const p of matrix.people) {
      yield [
        p.name,
        p.email,
        ...matrix.customers.map((c) => {
          const cell = p.cells[c.id];
          if (!cell) return "";
          return cell.expiresAt ? `${cell.tier} (${daysLeft(cell.expiresAt, now)} days)` : `${cell.tier} (no end)`;
        }),
      ];
    }
  }
  return { header, rows: rows() };
}
