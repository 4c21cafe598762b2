import "server-only";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeWhere, daysLeft, type AccessReader } from "./common";
import { EXPIRY_WINDOWS, expirySelect, expiryWhere, toExpiryRow, type ExpiryWindow } from "./expiries";

const BATCH = 2000;

/**
 * One CSV field (RFC 4180). Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get
 * a leading apostrophe: names come from customer tenants and must not execute on open.
 */
export function csvField(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: (string | number | Date | null | undefined)[]) => `${fields.map(csvField).join(",")}\r\n`;

/** Expiry list as CSV lines, read in keyset batches (expiresAt, id) so memory stays flat. */
export async function* expiriesCsv(user: AccessReader, withinDays: ExpiryWindow, now = new Date()): AsyncGenerator<string> {
  requirePermission(user, "dashboard:read");
  if (!EXPIRY_WINDOWS.includes(withinDays)) throw new Error(`The expiry window must be one of ${EXPIRY_WINDOWS.join(", ")} days.`);
  yield csvLine(["Customer", "Person", "Email", "Tier", "Access package", "Expires (UTC)", "Days left"]);
  const base = expiryWhere(user.workspace.id, withinDays, now);
  let after: { expiresAt: Date; id: string } | null = null;
  for (;;) {
    const where: Prisma.SyncedAssignmentWhereInput = after ? { AND: [base, { OR: [{ expiresAt: { gt: after.expiresAt } }, { expiresAt: after.expiresAt, id: { gt: after.id } }] }] } : base;
    const rows: Prisma.SyncedAssignmentGetPayload<{ select: typeof expirySelect }>[] = await db.syncedAssignment.findMany({ where, select: expirySelect, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: BATCH });
    for (const r of rows) {
      const row = toExpiryRow(r, now);
      yield csvLine([row.customerName, row.personName, row.personEmail, row.tier, row.packageName, row.expiresAt, row.daysLeft]);
    }
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { expiresAt: last.expiresAt!, id: last.id };
  }
}

/** The access matrix flattened, one line per assignment in force (unmatched targets included). */
export async function* matrixCsv(user: AccessReader, now = new Date()): AsyncGenerator<string> {
  requirePermission(user, "customers:read");
  yield csvLine(["Person", "Email", "Matched staff", "Customer", "Domain", "Tier", "Access package", "Expires (UTC)", "Days left"]);
  let afterId: string | null = null;
  for (;;) {
    const rows: { id: string; tier: string | null; accessPackageName: string; targetDisplayName: string | null; targetEmail: string | null; expiresAt: Date | null; portalUser: { name: string; email: string } | null; customer: { displayName: string; primaryDomain: string } }[] = await db.syncedAssignment.findMany({
      where: { ...activeWhere(user.workspace.id, now), ...(afterId ? { id: { gt: afterId } } : {}) },
      select: { id: true, tier: true, accessPackageName: true, targetDisplayName: true, targetEmail: true, expiresAt: true, portalUser: { select: { name: true, email: true } }, customer: { select: { displayName: true, primaryDomain: true } } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const r of rows) {
      yield csvLine([r.portalUser?.name ?? r.targetDisplayName, r.portalUser?.email ?? r.targetEmail, r.portalUser ? "yes" : "no", r.customer.displayName, r.customer.primaryDomain, r.tier, r.accessPackageName, r.expiresAt, r.expiresAt ? daysLeft(r.expiresAt, now) : null]);
    }
    if (rows.length < BATCH) return;
    afterId = rows[rows.length - 1]!.id;
  }
}

/** A web stream of the generator's lines, for a route handler's Response body. */
export function csvStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
