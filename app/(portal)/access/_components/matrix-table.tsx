import Link from "next/link";
import { DaysLeftBadge } from "@/components/access/days-left-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AccessMatrix } from "@/lib/data/access";

/**
 * One page of staff rows × customer columns; each cell the tiers in force (named as the blueprint
 * names their packages; a key it no longer has, as it is) and the days the soonest has left.
 */
export function MatrixTable({ matrix, now, tierNames }: { matrix: AccessMatrix; now: Date; tierNames: ReadonlyMap<string, string> }) {
  if (matrix.totalCustomers === 0) return <EmptyState title="No customer to show" description="Customers appear as columns once their admin has granted consent; a search that names customers shows only those." />;
  if (matrix.staff.length === 0) return <EmptyState title="Nobody matches" description="Change the search or the filter." />;
  const cells = new Map(matrix.cells.map((c) => [`${c.portalUserId}:${c.customerId}`, c]));
  return (
    <Table aria-label="Access matrix">
      <TableHeader>
        <TableRow>
          <TableHead className="sticky left-0 z-10 bg-slate-50">Person</TableHead>
          {matrix.customers.map((c) => (
            <TableHead key={c.id} title={c.primaryDomain}>
              {c.displayName}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {matrix.staff.map((p) => (
          <TableRow key={p.id} data-testid="matrix-row">
            <TableCell className="sticky left-0 z-10 max-w-40 bg-white">
              <Link href={`/people/${p.id}`} className="text-brand-700 font-medium hover:underline">
                {p.name}
              </Link>
              <span className="block truncate text-xs text-slate-500">{p.email}</span>
            </TableCell>
            {matrix.customers.map((c) => {
              const cell = cells.get(`${p.id}:${c.id}`);
              return (
                <TableCell key={c.id} data-testid={cell ? "matrix-cell" : undefined}>
                  {cell ? (
                    <span className="flex flex-col items-start gap-1">
                      <span className="text-sm text-slate-900">{cell.tiers.map((t) => tierNames.get(t) ?? t).join(", ")}</span>
                      <DaysLeftBadge expiresAt={cell.expiresAt} now={now} />
                    </span>
                  ) : (
                    <span className="text-slate-400" aria-label="No access">
                      —
                    </span>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
