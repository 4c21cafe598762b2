import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { stackedCell, stackedRow, stackedTable, Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEventDto } from "@/lib/data/audit";
import { AuditEventDrawer } from "./audit-event-drawer";
import { DetailValueView } from "./detail-value";
import { auditRowViews } from "./view";

/** Fields shown in the row; the drawer has them all. */
const ROW_FIELDS = 3;

// Below md the table becomes stacked rows: each cell on its own line, labelled by data-label.
const stackRow = stackedRow;
const stackCell = stackedCell;

export function AuditTable({
  events,
  names,
  customers,
  showCustomer = customers !== undefined,
  empty = "No events recorded yet.",
}: {
  events: AuditEventDto[];
  names: ReadonlyMap<string, string>;
  /** Customer names by id; pass them to show the customer column. */
  customers?: ReadonlyMap<string, string>;
  showCustomer?: boolean;
  empty?: string;
}) {
  const rows = auditRowViews(events, names, customers);
  const columns = showCustomer ? 6 : 5;
  return (
    <Table className={stackedTable}>
      <TableHeader className="max-md:hidden">
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          {showCustomer && <TableHead>Customer</TableHead>}
          <TableHead>Details</TableHead>
          <TableHead>
            <span className="sr-only">Full details</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && <TableEmpty colSpan={columns}>{empty}</TableEmpty>}
        {rows.map((row) => (
          <TableRow key={row.id} className={stackRow} data-testid="audit-row">
            <TableCell data-label="When" className={`align-top text-slate-700 ${stackCell}`}>
              <LocalTime date={row.at} display="relative" />
              <LocalTime date={row.at} display="absolute" className="block text-xs text-slate-500 max-md:inline max-md:before:content-['_·_']" />
              {row.lastAt && (
                <span className="block text-xs text-slate-500">
                  last <LocalTime date={row.lastAt} display="relative" />
                </span>
              )}
            </TableCell>
            <TableCell data-label="Who" className={`max-w-56 align-top break-words max-md:max-w-none ${stackCell}`}>
              {row.actorLabel}
            </TableCell>
            <TableCell data-label="What" className={`align-top ${stackCell}`}>
              {row.actionLabel}
              {row.repeat && (
                <Badge tone="neutral" className="ml-2">
                  ×{row.repeat}
                </Badge>
              )}
            </TableCell>
            {showCustomer && (
              <TableCell data-label="Customer" className={`align-top ${stackCell} ${row.customer ? "" : "max-md:hidden"}`}>
                {row.customer ? (
                  row.customer.name ? (
                    <Link className="text-brand-700 underline-offset-4 hover:underline" href={`/customers/${row.customer.id}`}>
                      {row.customer.name}
                    </Link>
                  ) : (
                    <span className="text-slate-400">Deleted customer</span>
                  )
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </TableCell>
            )}
            <TableCell className="max-w-sm min-w-56 align-top text-xs text-slate-600 max-md:max-w-none max-md:min-w-0 max-md:p-0">
              {row.fields.length > 0 && (
                <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
                  {row.fields.slice(0, ROW_FIELDS).map((field) => (
                    <div key={field.key} className="contents">
                      <dt className="text-slate-500">{field.label}</dt>
                      <dd className="line-clamp-2 min-w-0 break-words text-slate-700">
                        <DetailValueView value={field.value} />
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
              {row.fields.length > ROW_FIELDS && <p className="mt-1 text-slate-500">+{row.fields.length - ROW_FIELDS} more in details</p>}
            </TableCell>
            <TableCell className="text-right align-top max-md:p-0 max-md:pt-1 max-md:text-left">
              <AuditEventDrawer row={row} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
