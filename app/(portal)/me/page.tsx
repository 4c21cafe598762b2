import Link from "next/link";
import { Suspense } from "react";
import { PageSkeleton } from "@/components/access/page-skeleton";
import { MyStatusBadge } from "@/components/access/my-status-badge";
import { PackageLinks } from "@/components/provisioning/package-links";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ExternalLink } from "@/components/ui/external-link";
import { FilterLinks } from "@/components/ui/filter-links";
import { Pager } from "@/components/ui/pager";
import { SearchForm } from "@/components/ui/search-form";
import { MY_ACCESS_FILTERS, MY_ACCESS_PAGE_SIZE, myAccessQueryString, parseMyAccessParams, viewMyAccess, type MyAccessFilter, type MyAccessParams } from "@/lib/access/my-access-view";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { myAccess } from "@/lib/data/access";
import type { RawSearchParams } from "@/lib/utils/query-params";

export const metadata = { title: "My access" };
export const dynamic = "force-dynamic";

const FILTER_LABELS: Record<MyAccessFilter, string> = { all: "All", active: "Active", pending: "Pending", expired: "Expired", none: "No access" };

export default async function MyAccessPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePagePermission("access:read-own");
  const params = parseMyAccessParams(await searchParams);
  return (
    <>
      <PageHeader
        title="My access"
        description={`Signed in as ${user.email}. Your access in each customer tenant, as of the last sync; request a tier in the customer's My Access.`}
      />
      <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton label="your access" rows={3} />}>
        <MyCustomers user={user} params={params} />
      </Suspense>
    </>
  );
}

async function MyCustomers({ user, params }: { user: CurrentUser; params: MyAccessParams }) {
  const now = new Date();
  const all = await myAccess(user, now);
  if (all.length === 0) {
    return <EmptyState title="No customer is connected yet" description="A customer appears here once its admin has granted consent to Gatehouse." />;
  }
  const view = viewMyAccess(all, params);
  const href = (p: Partial<MyAccessParams>) => `/me${myAccessQueryString({ ...params, ...p })}`;
  return (
    <>
      <SearchForm id="me-q" label="Search customers by name or domain" defaultValue={params.search} keep={{ status: params.filter === "all" ? undefined : params.filter }} className="mb-3" />
      <FilterLinks
        label="My status"
        className="mb-4"
        current={params.filter}
        options={MY_ACCESS_FILTERS.map((f) => ({ key: f, label: `${FILTER_LABELS[f]} (${view.counts[f]})`, href: href({ filter: f, page: 0 }) }))}
      />
      {view.total === 0 ? (
        <EmptyState
          title={params.search ? `No customer matches "${params.search}"` : `No customer where you are ${FILTER_LABELS[params.filter].toLowerCase()}`}
          description="Try another search or status."
          action={
            <Link href="/me" className={buttonClassName({ variant: "outline" })}>
              Show every customer
            </Link>
          }
        />
      ) : (
        <ul className="grid gap-4" aria-label="My access per customer">
          {view.entries.map((e) => (
            <li key={e.customerId}>
              <Card>
                <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <CardTitle>{e.displayName}</CardTitle>
                    <p className="truncate font-mono text-xs text-slate-500">{e.primaryDomain}</p>
                  </div>
                  <div data-testid="my-status">
                    <MyStatusBadge status={e.status} now={now} />
                  </div>
                </CardHeader>
                <CardContent className="grid gap-4 md:grid-cols-2">
                  <section>
                    <h3 className="mb-2 text-sm font-medium text-slate-700">Request a tier</h3>
                    {e.packages.length > 0 ? (
                      <PackageLinks packages={e.packages} />
                    ) : (
                      <p className="text-sm text-slate-500">Request links appear once provisioning has finished in this tenant.</p>
                    )}
                  </section>
                  <section>
                    <h3 className="mb-2 text-sm font-medium text-slate-700">Work in the tenant</h3>
                    <ul className="grid gap-2">
                      {[
                        { label: "My Access", url: e.myAccessUrl },
                        { label: "Defender portal", url: e.defenderUrl },
                      ].map((l) => (
                        <li key={l.label} className="flex items-center gap-2">
                          <ExternalLink href={l.url}>
                            {l.label}
                          </ExternalLink>
                          <CopyButton text={l.url} label={`Copy the ${l.label} link of ${e.displayName}`} iconOnly successMessage="Link copied" />
                        </li>
                      ))}
                    </ul>
                  </section>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {view.total > MY_ACCESS_PAGE_SIZE && (
        <div className="mt-4">
          <Pager label="Customers" noun="customers" page={view.page} size={MY_ACCESS_PAGE_SIZE} total={view.total} href={(page) => href({ page })} />
        </div>
      )}
    </>
  );
}
