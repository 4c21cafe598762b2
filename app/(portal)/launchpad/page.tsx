import { CustomerStatusBadge } from "@/components/customers/status-badge";
import { PackageLinks } from "@/components/provisioning/package-links";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ExternalLink } from "@/components/ui/external-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { listLaunchpad } from "@/lib/data/launchpad";

export const metadata = { title: "Launchpad" };

export default async function LaunchpadPage() {
  const user = await requirePagePermission("launchpad:read");
  const entries = await listLaunchpad(user);
  return (
    <>
      <PageHeader
        title="Launchpad"
        description="Request access in each customer's My Access, then work in its Microsoft Defender portal. Links to each access package appear once provisioning has created them."
      />
      {entries.length === 0 ? (
        <EmptyState
          title="No customer is connected yet"
          description="A customer appears here once its admin has granted consent to Gatehouse."
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
    </>
  );
}
