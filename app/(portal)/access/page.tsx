import { Suspense } from "react";
import { PageSkeleton } from "@/components/access/page-skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClassName } from "@/components/ui/button";
import { FilterLinks } from "@/components/ui/filter-links";
import { Pager } from "@/components/ui/pager";
import { SearchForm } from "@/components/ui/search-form";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { MATRIX_COLUMNS, MATRIX_ROWS, matrixQueryString, parseMatrixParams, type MatrixParams } from "@/lib/access/matrix-params";
import { accessMatrix } from "@/lib/data/access";
import { getBlueprint } from "@/lib/provisioning";
import { MatrixTable } from "./_components/matrix-table";
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
  const [params, blueprint] = await Promise.all([searchParams.then(parseMatrixParams), getBlueprint(user.workspace.id)]);
  const tiers = [{ key: "", label: "All tiers" }, ...blueprint.definition.accessPackages.map((p) => ({ key: p.key, label: p.displayName }))];
  // A tier the blueprint no longer has (a link from before an edit) stays visible as chosen.
  if (params.tier && !tiers.some((t) => t.key === params.tier)) tiers.push({ key: params.tier, label: params.tier });
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
      <SearchForm id="matrix-q" label="Search staff or customers" defaultValue={params.search} keep={{ filter: params.filter === "all" ? undefined : params.filter, tier: params.tier }} inputClassName="sm:w-72">
        <FilterLinks label="Filter" current={params.filter} options={FILTERS.map((f) => ({ key: f.key, label: f.label, href: `/access${matrixQueryString({ ...params, filter: f.key, page: 0 })}` }))} />
        <FilterLinks label="Tier" current={params.tier ?? ""} options={tiers.map((t) => ({ key: t.key, label: t.label, href: `/access${matrixQueryString({ ...params, tier: t.key || undefined, page: 0 })}` }))} />
      </SearchForm>
      <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton label="the access matrix" rows={6} />}>
        <Matrix user={user} params={params} tierNames={new Map(tiers.map((t) => [t.key, t.label]))} />
      </Suspense>
    </>
  );
}

async function Matrix({ user, params, tierNames }: { user: CurrentUser; params: MatrixParams; tierNames: ReadonlyMap<string, string> }) {
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
      <MatrixTable matrix={matrix} now={now} tierNames={tierNames} />
      <UnmatchedGuests rows={matrix.unmatched} total={matrix.totalUnmatched} now={now} />
    </>
  );
}
