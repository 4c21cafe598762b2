import Link from "next/link";
import { CustomerStatusBadge } from "@/components/customers/status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CustomerListItem } from "@/lib/data/customers";
import type { CustomerListQuery } from "@/lib/onboarding/schemas";
import { customerListHref } from "./list-href";

type Sort = NonNullable<CustomerListQuery["sort"]>;

function SortLink({ column, label, query }: { column: Sort; label: string; query: CustomerListQuery }) {
  const active = (query.sort ?? "name") === column;
  const defaultDir = column === "created" ? "desc" : "asc";
  const currentDir = query.dir ?? defaultDir;
  const nextDir = active ? (currentDir === "asc" ? "desc" : "asc") : defaultDir;
  // A new order starts again at the first page.
  const href = customerListHref({ q: query.q, sort: column, dir: nextDir });
  return (
    <Link href={href} className="inline-flex items-center gap-1 hover:text-slate-900">
      {label}
      {active && <span aria-label={currentDir === "asc" ? "sorted ascending" : "sorted descending"}>{currentDir === "asc" ? "▲" : "▼"}</span>}
    </Link>
  );
}

function emptyText(query: CustomerListQuery): string {
  return query.q ? `No customer matches “${query.q}”.` : "No customers yet. Add one to send its admin a consent link.";
}

/** Wide screens: a sortable table. */
function WideTable({ customers, query }: { customers: CustomerListItem[]; query: CustomerListQuery }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>
            <SortLink column="name" label="Customer" query={query} />
          </TableHead>
          <TableHead>Primary domain</TableHead>
          <TableHead>
            <SortLink column="status" label="Status" query={query} />
          </TableHead>
          <TableHead>Tenant id</TableHead>
          <TableHead>
            <SortLink column="created" label="Added" query={query} />
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {customers.map((c) => (
          <TableRow key={c.id} data-testid="customer-row">
            <TableCell>
              <Link href={`/customers/${c.id}`} className="font-medium text-brand-700 hover:underline">
                {c.displayName}
              </Link>
            </TableCell>
            <TableCell className="font-mono text-xs">{c.primaryDomain}</TableCell>
            <TableCell>
              <CustomerStatusBadge status={c.status} />
            </TableCell>
            <TableCell className="font-mono text-xs text-slate-600">{c.tenantId ?? "—"}</TableCell>
            <TableCell className="whitespace-nowrap text-sm text-slate-600">
              <RelativeTime date={c.createdAt} display="relative" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Small screens: one stacked card per customer, so no column hides off-screen. */
function StackedList({ customers, query }: { customers: CustomerListItem[]; query: CustomerListQuery }) {
  return (
    <>
      <p className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
        <span>Sort by</span>
        <SortLink column="name" label="Name" query={query} />
        <SortLink column="status" label="Status" query={query} />
        <SortLink column="created" label="Added" query={query} />
      </p>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white shadow-sm">
      {customers.map((c) => (
        <li key={c.id} className="grid gap-1 px-4 py-3" data-testid="customer-row">
          <div className="flex items-start justify-between gap-2">
            <Link href={`/customers/${c.id}`} className="min-w-0 font-medium break-words text-brand-700 hover:underline">
              {c.displayName}
            </Link>
            <CustomerStatusBadge status={c.status} />
          </div>
          <span className="font-mono text-xs break-all text-slate-600">{c.primaryDomain}</span>
          <span className="text-xs text-slate-500">
            Added <RelativeTime date={c.createdAt} display="relative" />
          </span>
        </li>
      ))}
      </ul>
    </>
  );
}

export function CustomerTable({ customers, query }: { customers: CustomerListItem[]; query: CustomerListQuery }) {
  if (customers.length === 0) {
    return <p className="rounded-md border border-slate-200 bg-white px-4 py-10 text-center text-sm text-slate-500">{emptyText(query)}</p>;
  }
  return (
    <>
      <div className="hidden sm:block">
        <WideTable customers={customers} query={query} />
      </div>
      <div className="sm:hidden">
        <StackedList customers={customers} query={query} />
      </div>
    </>
  );
}
