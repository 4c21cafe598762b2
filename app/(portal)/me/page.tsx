import { Suspense } from "react";
import { PageSkeleton } from "@/components/access/page-skeleton";
import { MyStatusBadge } from "@/components/access/my-status-badge";
import { PackageLinks } from "@/components/provisioning/package-links";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ExternalLink } from "@/components/ui/external-link";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { myAccess } from "@/lib/data/access";

export const metadata = { title: "My access" };
export const dynamic = "force-dynamic";

export default async function MyAccessPage() {
  const user = await requirePagePermission("access:read-own");
  return (
    <>
      <PageHeader
        title="My access"
        description={`Signed in as ${user.email}. Your access in each customer tenant, as of the last sync; request a tier in the customer's My Access.`}
      />
      <Suspense fallback={<PageSkeleton label="your access" rows={3} />}>
        <MyCustomers user={user} />
      </Suspense>
    </>
  );
}

async function MyCustomers({ user }: { user: CurrentUser }) {
  const now = new Date();
  const entries = await myAccess(user, now);
  return (
    <>
      {entries.length === 0 ? (
        <EmptyState title="No customer is connected yet" description="A customer appears here once its admin has granted consent to Gatehouse." />
      ) : (
        <ul className="grid gap-4" aria-label="My access per customer">
          {entries.map((e) => (
            <li key={e.customerId}>
              <Card>
                <CardHeader className="flex flex-wrap items-start justify-between gap-2">
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
    </>
  );
}
