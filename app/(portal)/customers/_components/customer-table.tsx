import Link from "next/link";
import { CustomerStatusBadge } from "@/components/customers/status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CustomerListItem } from "@/lib/data/customers";
import type { CustomerListQuery } from "@/lib/onboarding/schemas";

type Sort = NonNullable<CustomerListQuery["sort"]>;

function SortLink({ column, label, query }: { column: Sort; label: string; query: CustomerListQuery }) {
  const active = (query.sort ?? "name") === column;
  const defaultDir = column === "created" ? "desc" : "asc";
  const currentDir = query.dir ?? defaultDir;
  const nextDir = active ? (currentDir === "asc" ? "desc" : "asc") : defaultDir;
  const params = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), sort: column, dir: nextDir });
  return (
    <Link href={`/customers?${params.toString()}`} className="inline-flex items-center gap-1 hover:text-slate-900">
      {label}
      {active && <span aria-label={currentDir === "asc" ? "sorted ascending" : "sorted descending"}>{currentDir === "asc" ? "▲" : "▼"}</span>}
    </Link>
  );
}

export function CustomerTable({ customers, query }: { customers: CustomerListItem[]; query: CustomerListQuery }) {
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
        {customers.length === 0 && (
          <TableEmpty colSpan={5}>
            {query.q ? `No customer matches “${query.q}”.` : "No customers yet. Add one to send its admin a consent link."}
          </TableEmpty>
        )}
        {customers.map((c) => (
          <TableRow key={c.id}>
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
