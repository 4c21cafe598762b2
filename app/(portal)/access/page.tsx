import Link from "next/link";
import { Suspense } from "react";
import { PageSkeleton } from "@/components/access/page-skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClassName } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { MATRIX_COLUMNS, MATRIX_ROWS, matrixQueryString, parseMatrixParams, type MatrixParams } from "@/lib/access/matrix-params";
import { accessMatrix } from "@/lib/data/access";
import { cn } from "@/lib/utils/cn";
import { MatrixTable } from "./_components/matrix-table";
import { Pager } from "./_components/pager";
import { UnmatchedGuests } from "./_components/unmatched-guests";

export const metadata = { title: "Access matrix" };
export const dynamic = "force-dynamic";

const FILTERS = [
  { key: "all", label: "Everyone" },
  { key: "with-access", label: "With access" },
  { key: "expiring", label: "Expiring in 30 days" },
] as const;

export default async function AccessMatrixPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("access:read-all");
  const params = parseMatrixParams(await searchParams);
  const csvHref = `/api/exports/matrix${matrixQueryString({ search: params.search, tier: params.tier, filter: params.filter })}`;
  return (
    <>
      <PageHeader
        title="Access matrix"
        description="Each staff member's tiers in force in each customer tenant and the days they have left, as of the last sync."
        actions={
          <a className={buttonClassName({ variant: "outline" })} href={csvHref} download>
            Export CSV
          </a>
        }
      />
      <form className="mb-4 flex flex-wrap items-center gap-2" role="search">
        <label htmlFor="matrix-q" className="sr-only">
          Search staff or customers
        </label>
        <Input id="matrix-q" name="q" defaultValue={params.search ?? ""} placeholder="Search staff or customers" className="w-full sm:w-72" />
        {params.filter !== "all" && <input type="hidden" name="filter" value={params.filter} />}
        {params.tier && <input type="hidden" name="tier" value={params.tier} />}
        <button type="submit" className={buttonClassName({ variant: "outline" })}>
          Search
        </button>
        <nav aria-label="Filter" className="flex flex-wrap gap-1">
          {FILTERS.map((f) => (
            <Link
              key={f.key}
              href={`/access${matrixQueryString({ ...params, filter: f.key, page: 0 })}`}
              aria-current={f.key === params.filter ? "true" : undefined}
              className={cn("rounded-md px-2 py-1 text-sm", f.key === params.filter ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100")}
            >
              {f.label}
            </Link>
          ))}
        </nav>
      </form>
      <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton label="the access matrix" rows={6} />}>
        <Matrix user={user} params={params} />
      </Suspense>
    </>
  );
}

async function Matrix({ user, params }: { user: CurrentUser; params: MatrixParams }) {
  const now = new Date();
  const matrix = await accessMatrix(user, {
    search: params.search, tier: params.tier, filter: params.filter,
    limit: MATRIX_ROWS, offset: params.page * MATRIX_ROWS, customerLimit: MATRIX_COLUMNS, customerOffset: params.columnPage * MATRIX_COLUMNS,
  }, now);
  return (
    <>
      <div className="mb-3 grid gap-2 sm:flex sm:flex-wrap sm:items-center sm:justify-between">
        <Pager label="Staff" noun="staff" page={params.page} size={MATRIX_ROWS} total={matrix.totalStaff} href={(page) => `/access${matrixQueryString({ ...params, page })}`} />
        <Pager label="Customers" noun="customers" page={params.columnPage} size={MATRIX_COLUMNS} total={matrix.totalCustomers} href={(columnPage) => `/access${matrixQueryString({ ...params, columnPage })}`} />
      </div>
      <MatrixTable matrix={matrix} now={now} />
      <UnmatchedGuests rows={matrix.unmatched} total={matrix.totalUnmatched} now={now} />
    </>
  );
}
