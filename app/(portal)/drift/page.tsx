import Link from "next/link";
import { SeverityBadge } from "@/components/drift/severity-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { fleetDrift } from "@/lib/data/drift";
import { env } from "@/lib/env";
import { SEVERITIES } from "@/lib/provisioning/drift-classify";
import { CheckAll } from "./_components/check-all";

export const metadata = { title: "Drift" };

/** The fleet view: every customer with its newest drift check, worst first. */
export default async function DriftPage() {
  const user = await requirePagePermission("customers:read");
  const rows = await fleetDrift(user.workspace.id);
  const drifted = rows.filter((r) => r.check && r.check.high + r.check.medium + r.check.low > 0).length;
  return (
    <>
      <PageHeader
        title="Drift"
        description={`Each provisioned tenant is compared with the blueprint every ${env.DRIFT_CHECK_INTERVAL_HOURS} h. ${drifted} of ${rows.length} customer(s) drifted at their last check.`}
        actions={can(user, "provisioning:apply") ? <CheckAll /> : undefined}
      />
      <div className="overflow-x-auto">
        <Table data-testid="fleet-drift">
          <TableHeader>
            <TableRow>
              <TableHead>Customer</TableHead>
              <TableHead>Drift</TableHead>
              <TableHead>Last checked</TableHead>
              <TableHead className="hidden sm:table-cell">Requests</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 && <TableEmpty colSpan={4}>No customers yet.</TableEmpty>}
            {rows.map((r) => (
              <TableRow key={r.customerId}>
                <TableCell>
                  <Link href={`/customers/${r.customerId}`} className="font-medium text-brand-700 hover:underline">
                    {r.displayName}
                  </Link>
                  <span className="block text-xs text-slate-500">{r.primaryDomain}</span>
                </TableCell>
                <TableCell>
                  {!r.check ? (
                    <span className="text-sm text-slate-500">{r.customerStatus === "active" || r.customerStatus === "needs_attention" ? "Not checked yet" : `— (${r.customerStatus})`}</span>
                  ) : r.check.status === "clean" ? (
                    <Badge tone="success">clean</Badge>
                  ) : r.check.status === "drift" ? (
                    <span className="flex flex-wrap gap-1">
                      {SEVERITIES.filter((s) => r.check![s] > 0).map((s) => (
                        <SeverityBadge key={s} severity={s} count={r.check![s]} />
                      ))}
                    </span>
                  ) : (
                    <Badge tone="warning" title={r.check.message ?? undefined}>{r.check.status}</Badge>
                  )}
                </TableCell>
                <TableCell className="text-sm">{r.check ? <RelativeTime date={r.check.checkedAt} /> : "—"}</TableCell>
                <TableCell className="hidden text-sm sm:table-cell">{r.check?.requests ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
