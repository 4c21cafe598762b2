import Link from "next/link";
import { DaysLeftBadge } from "@/components/access/days-left-badge";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { daysLeft } from "@/lib/access/urgency";
import { getAccessMatrix } from "@/lib/data/access-matrix";

export const metadata = { title: "Access matrix" };
export const dynamic = "force-dynamic";

const FILTERS = [
  { key: "all", label: "Everyone" },
  { key: "with-access", label: "With access" },
  { key: "expiring", label: "Expiring in 30 days" },
] as const;

export default async function AccessMatrixPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("access:read-all");
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 200) : "";
  const filter = FILTERS.find((f) => f.key === params.filter)?.key ?? "all";
  const now = new Date();
  const matrix = await getAccessMatrix(user, { search: q, now });
  const people = matrix.people.filter((p) => {
    const cells = Object.values(p.cells);
    if (filter === "with-access") return cells.length > 0;
    if (filter === "expiring") return cells.some((c) => c.expiresAt !== null && daysLeft(c.expiresAt, now) <= 30);
    return true;
  });
  const csvHref = `/api/exports/matrix${q ? `?q=${encodeURIComponent(q)}` : ""}`;
  return (
    <>
      <PageHeader
        title="Access matrix"
        description="Each staff member's active tier in each customer tenant and the days it has left, as of the last sync."
        actions={
          <a className={buttonClassName({ variant: "outline" })} href={csvHref} download>
            Export CSV
          </a>
        }
      />
      <form className="mb-4 flex flex-wrap items-center gap-2" role="search">
        <label htmlFor="matrix-q" className="sr-only">
          Search staff
        </label>
        <Input id="matrix-q" name="q" defaultValue={q} placeholder="Search by name or email" className="w-full sm:w-72" />
        <input type="hidden" name="filter" value={filter} />
        <button type="submit" className={buttonClassName({ variant: "outline" })}>
          Search
        </button>
        <nav aria-label="Filter" className="flex flex-wrap gap-1">
          {FILTERS.map((f) => (
            <Link
              key={f.key}
              href={`/access?filter=${f.key}${q ? `&q=${encodeURIComponent(q)}` : ""}`}
              aria-current={f.key === filter ? "true" : undefined}
              className={f.key === filter ? "bg-brand-600 rounded-md px-2 py-1 text-sm text-white" : "rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"}
            >
              {f.label}
            </Link>
          ))}
        </nav>
      </form>
      {matrix.customers.length === 0 ? (
        <EmptyState title="No customer is connected yet" description="Customers appear as columns once their admin has granted consent." />
      ) : people.length === 0 ? (
        <EmptyState title="Nobody matches" description="Change the search or the filter." />
      ) : (
        <Table aria-label="Access matrix">
          <TableHeader>
            <TableRow>
              <TableHead className="sticky left-0 bg-slate-50">Person</TableHead>
              {matrix.customers.map((c) => (
                <TableHead key={c.id}>{c.displayName}</TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {people.map((p) => (
              <TableRow key={p.id} data-testid="matrix-row">
                <TableCell className="sticky left-0 bg-white">
                  <Link href={`/people/${p.id}`} className="text-brand-700 font-medium hover:underline">
                    {p.name}
                  </Link>
                  <span className="block text-xs text-slate-500">{p.email}</span>
                </TableCell>
                {matrix.customers.map((c) => {
                  const cell = p.cells[c.id];
                  return (
                    <TableCell key={c.id}>
                      {cell ? (
                        <span className="flex flex-col items-start gap-1">
                          <span className="text-sm text-slate-900">{cell.tier}</span>
                          <DaysLeftBadge expiresAt={cell.expiresAt} now={now} />
                        </span>
                      ) : (
                        <span className="text-slate-400" aria-label="No access">—</span>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {matrix.unmatched.length > 0 && (
        <section className="mt-8">
          <h2 className="mb-2 text-lg font-semibold text-slate-900">Guests that match no staff member</h2>
          <p className="mb-3 text-sm text-slate-600">Their home identity matches no user of this workspace. They keep their access; check who they are.</p>
          <ul className="grid gap-1 text-sm" aria-label="Unmatched guests">
            {matrix.unmatched.map((u, i) => (
              <li key={i} className="break-words">
                <span className="font-medium">{u.name}</span> {u.email && <span className="text-slate-500">({u.email})</span>} · {u.customerName} · {u.tier} ·{" "}
                <DaysLeftBadge expiresAt={u.expiresAt} now={now} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
