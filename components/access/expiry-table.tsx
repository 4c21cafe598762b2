import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DaysLeftBadge } from "./days-left-badge";

export interface ExpiryItem {
  assignmentId: string;
  customerName: string;
  packageName: string;
  tier: string | null;
  portalUserId: string | null;
  personName: string;
  expiresAt: string;
}

const SORTS = [
  { key: "expires", label: "Expires" },
  { key: "customer", label: "Customer" },
  { key: "tier", label: "Tier" },
  { key: "person", label: "Person" },
] as const;

/** The expiry list; each column header sorts by it (a link, so it works before hydration too). */
export function ExpiryTable({ rows, total, now, window, sort }: { rows: ExpiryItem[]; total: number; now: Date; window: number; sort: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">Nothing expires in the next {window} days.</p>;
  return (
    <>
      <Table aria-label="Upcoming expiries">
        <TableHeader>
          <TableRow>
            {SORTS.map((s) => (
              <TableHead key={s.key} aria-sort={s.key === sort ? "ascending" : undefined}>
                <Link href={`/dashboard?window=${window}&sort=${s.key}`} className={s.key === sort ? "font-semibold text-slate-900 underline" : "hover:underline"}>
                  {s.label}
                </Link>
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.assignmentId} data-testid="expiry-row">
              <TableCell>
                <span className="flex items-center gap-2">
                  <DaysLeftBadge expiresAt={r.expiresAt} now={now} />
                  <RelativeTime date={r.expiresAt} now={now} display="relative" className="text-xs text-slate-500" />
                </span>
              </TableCell>
              <TableCell>{r.customerName}</TableCell>
              <TableCell>{r.tier ?? r.packageName}</TableCell>
              <TableCell>
                {r.portalUserId ? (
                  <Link href={`/people/${r.portalUserId}`} className="text-brand-700 hover:underline">
                    {r.personName}
                  </Link>
                ) : (
                  <span title="This guest matched no staff member">{r.personName} (not staff)</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        {total > rows.length && (
          <span className="text-slate-600">
            The first {rows.length} of {total}; the CSV has them all.
          </span>
        )}
        <a className="text-brand-700 hover:underline" href={`/api/exports/expiries?window=${window}&sort=${sort}`} download>
          Download this list as CSV
        </a>
      </p>
    </>
  );
}
