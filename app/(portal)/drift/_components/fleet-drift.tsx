"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { SeverityBadge } from "@/components/drift/severity-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { stackedCell, stackedRow, stackedTable, Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FleetDriftView } from "@/lib/data/drift";
import { SEVERITIES } from "@/lib/provisioning/drift-classify";
import { CheckAll } from "./check-all";

const REFRESH_MS = 60_000;
const PROGRESS_MS = 2_000;

async function fetchView(since: string | null): Promise<FleetDriftView> {
  const res = await fetch(`/api/drift${since ? `?since=${encodeURIComponent(since)}` : ""}`);
  if (!res.ok) throw new Error("The drift view could not be refreshed.");
  return (await res.json()) as FleetDriftView;
}

const CHECKABLE = new Set(["active", "needs_attention"]);

/** Every customer with its newest check, worst first; refreshed faster while "Check all now" runs. */
export function FleetDrift({ initial, canCheck }: { initial: FleetDriftView; canCheck: boolean }) {
  const [since, setSince] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ["drift", since],
    queryFn: () => fetchView(since),
    initialData: since ? undefined : initial,
    refetchInterval: (q) => {
      const p = q.state.data?.progress;
      return p && p.done < p.total ? PROGRESS_MS : REFRESH_MS;
    },
  });
  const view = query.data ?? initial;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <p id="drift-by-severity-label" className="text-sm text-slate-600">
            Customers with drift, by their worst severity
          </p>
          <dl className="flex flex-wrap gap-2 text-sm" aria-labelledby="drift-by-severity-label" data-testid="drift-by-severity">
            {SEVERITIES.map((s) => (
              <div key={s} className="flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-3 py-1.5">
                <dt>
                  <SeverityBadge severity={s} />
                </dt>
                <dd className="font-semibold text-slate-900">{view.bySeverity[s]}</dd>
              </div>
            ))}
          </dl>
        </div>
        {canCheck && <CheckAll progress={view.progress} onStarted={setSince} />}
      </div>
      {query.isError && <Alert tone="warning">{query.error.message} Showing the last data received.</Alert>}
      <Table data-testid="fleet-drift" className={stackedTable}>
        <TableHeader className="max-md:hidden">
          <TableRow>
            <TableHead>Customer</TableHead>
            <TableHead>Drift</TableHead>
            <TableHead>Last checked</TableHead>
            <TableHead>Graph requests</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.rows.length === 0 && <TableEmpty colSpan={4}>No customers yet. Drift is checked once a customer is provisioned.</TableEmpty>}
          {view.rows.map((r) => (
            <TableRow key={r.customerId} className={stackedRow} data-customer-id={r.customerId}>
              <TableCell className="max-md:p-0">
                <Link href={`/customers/${r.customerId}`} className="font-medium text-brand-700 break-words hover:underline">
                  {r.displayName}
                </Link>
                <span className="block text-xs break-all text-slate-500">{r.primaryDomain}</span>
              </TableCell>
              <TableCell className={stackedCell} data-label="Drift">
                {!r.check ? (
                  <span className="text-sm text-slate-500">{CHECKABLE.has(r.customerStatus) ? "Not checked yet" : `Not provisioned (${r.customerStatus.replaceAll("_", " ")})`}</span>
                ) : r.check.status === "clean" ? (
                  <Badge tone="success">clean</Badge>
                ) : r.check.status === "drift" ? (
                  <span className="inline-flex flex-wrap gap-1">
                    {SEVERITIES.filter((s) => r.check![s] > 0).map((s) => (
                      <SeverityBadge key={s} severity={s} count={r.check![s]} />
                    ))}
                  </span>
                ) : (
                  <Badge tone="warning" title={r.check.message ?? undefined}>{r.check.status === "blocked" ? "could not check" : "check failed"}</Badge>
                )}
              </TableCell>
              <TableCell className={`text-sm ${stackedCell}`} data-label="Checked">
                {r.check ? <RelativeTime date={r.check.checkedAt} display="relative" /> : "—"}
              </TableCell>
              <TableCell className={`text-sm ${stackedCell}`} data-label="Requests">
                {r.check ? <span title={`${r.check.wallMs} ms`}>{r.check.requests}</span> : "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
