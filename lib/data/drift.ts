import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DriftItem, DriftReport } from "@/lib/provisioning/drift";

/** Drift checks as stored: always scoped by workspace, explicit selects. */

export type DriftTrigger = "schedule" | "manual" | "repair";

export async function saveDriftCheck(workspaceId: string, report: DriftReport, trigger: DriftTrigger): Promise<string> {
  const row = await db.driftCheck.create({
    data: {
      workspaceId, customerId: report.customerId, checkedAt: report.checkedAt, blueprintVersion: report.blueprintVersion, status: report.status, trigger,
      high: report.counts.high, medium: report.counts.medium, low: report.counts.low,
      items: JSON.parse(JSON.stringify(report.items)) as Prisma.InputJsonValue,
      requests: report.requests, wallMs: report.wallMs, message: report.message ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

export interface StoredDriftCheck {
  id: string;
  customerId: string;
  checkedAt: Date;
  blueprintVersion: number;
  status: string;
  trigger: string;
  high: number;
  medium: number;
  low: number;
  items: DriftItem[];
  requests: number;
  wallMs: number;
  message: string | null;
}

const SELECT = { id: true, customerId: true, checkedAt: true, blueprintVersion: true, status: true, trigger: true, high: true, medium: true, low: true, items: true, requests: true, wallMs: true, message: true } as const;

export async function latestDriftCheck(workspaceId: string, customerId: string): Promise<StoredDriftCheck | null> {
  const row = await db.driftCheck.findFirst({ where: { workspaceId, customerId }, orderBy: { checkedAt: "desc" }, select: SELECT });
  return row ? { ...row, items: row.items as unknown as DriftItem[] } : null;
}

export interface FleetDriftRow {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  customerStatus: string;
  check: Omit<StoredDriftCheck, "items"> | null;
}

/** Customers a drift check applies to (provisioned, with a tenant): what the schedule and "Check all now" cover. */
export const CHECKABLE_STATUSES = ["active", "needs_attention"] as const;

/** Every customer of the workspace with its newest check (one query for the checks). */
export async function fleetDrift(workspaceId: string): Promise<FleetDriftRow[]> {
  const customers = await db.customer.findMany({ where: { workspaceId }, select: { id: true, displayName: true, primaryDomain: true, status: true }, orderBy: { displayName: "asc" } });
  const latest = await db.driftCheck.findMany({
    where: { workspaceId },
    distinct: ["customerId"],
    orderBy: [{ customerId: "asc" }, { checkedAt: "desc" }],
    select: { id: true, customerId: true, checkedAt: true, blueprintVersion: true, status: true, trigger: true, high: true, medium: true, low: true, requests: true, wallMs: true, message: true },
  });
  const byCustomer = new Map(latest.map((c) => [c.customerId, c]));
  const rank = (r: FleetDriftRow) => (r.check ? (r.check.high ? 0 : r.check.medium ? 1 : r.check.low ? 2 : r.check.status === "error" ? 3 : 4) : 5);
  return customers
    .map((c) => ({ customerId: c.id, displayName: c.displayName, primaryDomain: c.primaryDomain, customerStatus: c.status, check: byCustomer.get(c.id) ?? null }))
    .sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
}

export interface FleetDriftView {
  generatedAt: string;
  rows: (Omit<FleetDriftRow, "check"> & { check: (Omit<StoredDriftCheck, "items" | "checkedAt"> & { checkedAt: string }) | null })[];
  /** customers with drift at their last check, by their worst severity */
  bySeverity: Record<"high" | "medium" | "low", number>;
  /** after "Check all now": checkable customers checked since then, of all checkable */
  progress: { since: string; done: number; total: number } | null;
}

/** The fleet view as JSON (the page polls it while a "Check all now" runs). */
export async function getFleetDriftView(workspaceId: string, since: Date | null = null): Promise<FleetDriftView> {
  const checkable = { workspaceId, status: { in: [...CHECKABLE_STATUSES] }, tenantId: { not: null } };
  const [rows, done, total] = await Promise.all([
    fleetDrift(workspaceId),
    since ? db.customer.count({ where: { ...checkable, driftChecks: { some: { workspaceId, checkedAt: { gte: since } } } } }) : 0,
    since ? db.customer.count({ where: checkable }) : 0,
  ]);
  const bySeverity = { high: 0, medium: 0, low: 0 };
  for (const { check } of rows) {
    const worst = check?.high ? "high" : check?.medium ? "medium" : check?.low ? "low" : null;
    if (worst) bySeverity[worst]++;
  }
  return {
    generatedAt: new Date().toISOString(),
    rows: rows.map((r) => ({ ...r, check: r.check ? { ...r.check, checkedAt: r.check.checkedAt.toISOString() } : null })),
    bySeverity,
    progress: since ? { since: since.toISOString(), done, total } : null,
  };
}
