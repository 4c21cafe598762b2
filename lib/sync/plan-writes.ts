/**
 * Pure: the fewest writes that make the stored rows of one tenant equal to what Graph returned.
 * Rows are matched by their Graph key; a row whose fields all match is left alone, so a
 * no-change sync plans nothing.
 */
import type { ApproverRow, AssignmentRow, RequestRow, TenantRows } from "./normalize";

export type StoredRow = Record<string, unknown> & { id: string };

export interface CurrentRows {
  assignments: StoredRow[];
  requests: StoredRow[];
  approvers: StoredRow[];
}

export interface TablePlan<Row> {
  inserts: Row[];
  updates: { id: string; row: Row }[];
  /** stored ids Graph no longer returns */
  deletes: string[];
}

export interface TenantPlan {
  assignments: TablePlan<AssignmentRow>;
  requests: TablePlan<RequestRow>;
  approvers: TablePlan<ApproverRow>;
}

const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime() : a === b);

function differs(next: object, stored: StoredRow): boolean {
  return Object.entries(next).some(([k, v]) => !same(v, stored[k]));
}

export function planTable<Row extends object>(rows: Row[], stored: StoredRow[], key: (row: Row | StoredRow) => string): TablePlan<Row> {
  const left = new Map(stored.map((r) => [key(r), r]));
  const plan: TablePlan<Row> = { inserts: [], updates: [], deletes: [] };
  for (const row of rows) {
    const found = left.get(key(row));
    if (!found) plan.inserts.push(row);
    else {
      left.delete(key(row));
      if (differs(row, found)) plan.updates.push({ id: found.id, row });
    }
  }
  plan.deletes = [...left.values()].map((r) => r.id);
  return plan;
}

const byGraphId = (r: object) => String((r as { graphId: unknown }).graphId);
const byObjectId = (r: object) => String((r as { objectId: unknown }).objectId);

export function planTenant(rows: TenantRows, current: CurrentRows): TenantPlan {
  return {
    assignments: planTable(rows.assignments, current.assignments, byGraphId),
    requests: planTable(rows.requests, current.requests, byGraphId),
    approvers: planTable(rows.approvers, current.approvers, byObjectId),
  };
}

export function changesIn(plan: TenantPlan): number {
  return Object.values(plan).reduce((n, t: TablePlan<unknown>) => n + t.inserts.length + t.updates.length + t.deletes.length, 0);
}
