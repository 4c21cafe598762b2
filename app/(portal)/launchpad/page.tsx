import Link from "next/link";
import { CustomerStatusBadge } from "@/components/customers/status-badge";
import { PackageLinks } from "@/components/provisioning/package-links";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ExternalLink } from "@/components/ui/external-link";
import { Pager } from "@/components/ui/pager";
import { SearchForm } from "@/components/ui/search-form";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { listLaunchpad } from "@/lib/data/launchpad";
import { listPage, matching } from "@/lib/utils/list-page";
import { oneParam, pageParam, queryString, searchParam, type RawSearchParams } from "@/lib/utils/query-params";

export const metadata = { title: "Launchpad" };

const PAGE_SIZE = 25;

export default async function LaunchpadPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePagePermission("launchpad:read");
  const raw = await searchParams;
  const search = searchParam(oneParam(raw.q));
  const all = await listLaunchpad(user);
  const { entries, page, total } = listPage(matching(all, search, (e) => [e.displayName, e.primaryDomain]), pageParam(oneParam(raw.page)), PAGE_SIZE);
  const href = (target: number) => `/launchpad${queryString({ q: search, page: target })}`;
  return (
    <>
      <PageHeader
        title="Launchpad"
        description="Request access in each customer's My Access, then work in its Microsoft Defender portal. Links to each access package appear once provisioning has created them."
      />
      {all.length > 0 && <SearchForm id="launchpad-q" label="Search customers by name or domain" defaultValue={search} />}
      {all.length === 0 ? (
        <EmptyState
          title="No customer is connected yet"
          description="A customer appears here once its admin has granted consent to Gatehouse."
        />
      ) : total === 0 ? (
        <EmptyState
          title={`No customer matches "${search}"`}
          description="Try another name or domain."
          action={
            <Link href="/launchpad" className={buttonClassName({ variant: "outline" })}>
              Show every customer
            </Link>
          }
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Customer</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Request access</TableHead>
              <TableHead>Work</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.customerId}>
                <TableCell>
                  <span className="font-medium text-slate-900">{entry.displayName}</span>
                  <span className="block font-mono text-xs text-slate-500">{entry.primaryDomain}</span>
                </TableCell>
                <TableCell>
                  <CustomerStatusBadge status={entry.status} />
                </TableCell>
                <TableCell>
                  {entry.packages.length > 0 && <PackageLinks packages={entry.packages} compact />}
                  {/* The customer's My Access itself: requests in flight, approvals, and packages Gatehouse did not create. */}
                  <ExternalLink href={entry.myAccessUrl}>
                    My Access
                  </ExternalLink>
                </TableCell>
                <TableCell>
                  <ExternalLink href={entry.defenderUrl}>
                    Defender portal
                  </ExternalLink>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {total > PAGE_SIZE && (
        <div className="mt-4">
          <Pager label="Customers" noun="customers" page={page} size={PAGE_SIZE} total={total} href={href} />
        </div>
      )}
    </>
  );
}
