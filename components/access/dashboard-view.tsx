"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FilterLinks } from "@/components/ui/filter-links";
import { RelativeTime } from "@/components/ui/relative-time";
import { bySyncAttention, SYNCS_SHOWN } from "@/lib/access/sync-attention";
import { EXPIRY_WINDOWS } from "@/lib/access/urgency";
import type { DashboardView as View } from "@/lib/data/access";
import { ExpiryChart } from "./expiry-chart";
import { ExpiryTable } from "./expiry-table";
import { PendingApprovalsList } from "./pending-approvals-list";
import { SyncNow } from "./sync-now";

const REFRESH_MS = 60_000;
const ATTENTION_LABEL: Record<View["attention"][number]["reasons"][number]["code"], string> = {
  consent_missing: "Consent missing",
  drift: "Drift",
  sync_failing: "Sync failing",
  manual_action: "Manual action open",
};
const PROGRESS_MS = 2_000;

async function fetchView(window: number, sort: string, since: string | null): Promise<View> {
  const params = new URLSearchParams({ window: String(window), sort });
  if (since) params.set("since", since);
  const res = await fetch(`/api/dashboard?${params}`);
  if (!res.ok) throw new Error("The dashboard could not be refreshed.");
  return (await res.json()) as View;
}

/** The dashboard: server-rendered first, then refreshed by React Query (faster while a sync runs). */
export function DashboardView({ initial, window, sort }: { initial: View; window: number; sort: string }) {
  const [since, setSince] = useState<string | null>(null);
  const [showAllSyncs, setShowAllSyncs] = useState(false);
  const query = useQuery({
    queryKey: ["dashboard", window, sort, since],
    queryFn: () => fetchView(window, sort, since),
    initialData: since ? undefined : initial,
    refetchInterval: (q) => {
      const p = q.state.data?.progress;
      return p && p.done < p.total ? PROGRESS_MS : REFRESH_MS;
    },
  });
  const view = query.data ?? initial;
  const now = new Date(view.generatedAt);
  // At 1,000 customers: failing, never synced and stalest first, ten of them until asked for all.
  const syncs = bySyncAttention(view.syncs);
  const counts = [
    { label: "Active customers", value: view.counts.activeCustomers },
    { label: "Staff with access", value: view.counts.staffWithAccess },
    { label: "Pending approvals", value: view.counts.pendingApprovals, href: "/approvals" },
    { label: "Expiring in 30 days", value: view.counts.expiringIn30Days },
  ];
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SyncNow progress={view.progress} onStarted={setSince} />
        <span className="text-xs text-slate-500">
          Updated <RelativeTime date={view.generatedAt} display="relative" />
        </span>
      </div>
      {query.isError && <Alert tone="warning">{query.error.message} Showing the last data received.</Alert>}
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {counts.map((c) => (
          <Card key={c.label}>
            <CardContent className="py-4">
              <dt className="text-sm text-slate-600">{c.label}</dt>
              <dd className="text-2xl font-semibold text-slate-900" data-testid={`count-${c.label}`}>
                {c.href ? <Link href={c.href} className="hover:underline">{c.value}</Link> : c.value}
              </dd>
            </CardContent>
          </Card>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
            <CardTitle>Upcoming expiries</CardTitle>
            <FilterLinks label="Expiry window" current={String(window)} className="flex-nowrap" options={EXPIRY_WINDOWS.map((w) => ({ key: String(w), label: `${w} days`, href: `/dashboard?window=${w}&sort=${sort}` }))} />
          </CardHeader>
          <CardContent>
            <ExpiryTable rows={view.expiries.rows} total={view.expiries.total} now={now} window={window} sort={sort} />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Expiries, next 90 days</CardTitle>
          </CardHeader>
          <CardContent>
            <ExpiryChart data={view.chart} />
          </CardContent>
        </Card>
      </div>
      <Card className="min-w-0">
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>Pending approvals</CardTitle>
          {view.approvals.total > 0 && (
            <Link href="/approvals" className="text-brand-700 text-sm hover:underline">
              All {view.approvals.total} in the approvals queue
            </Link>
          )}
        </CardHeader>
        <CardContent>
          <PendingApprovalsList rows={view.approvals.rows} now={now} />
        </CardContent>
      </Card>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Customers needing attention</CardTitle>
          </CardHeader>
          <CardContent>
            {view.attention.length === 0 ? (
              <p className="text-sm text-slate-500">Every customer is in order.</p>
            ) : (
              <ul className="grid gap-2" aria-label="Customers needing attention">
                {view.attention.map((a) => (
                  <li key={a.customerId} className="text-sm break-words" data-testid="attention-item">
                    <Link href={`/customers/${a.customerId}`} className="text-brand-700 font-medium hover:underline">
                      {a.displayName}
                    </Link>
                    <ul className="mt-1 grid gap-1">
                      {a.reasons.map((r) => (
                        <li key={r.code} className="flex flex-wrap items-start gap-2 text-slate-600">
                          <Badge tone={r.code === "sync_failing" ? "danger" : "warning"}>{ATTENTION_LABEL[r.code]}</Badge>
                          <span className="min-w-0 flex-1">{r.text}</span>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Last successful sync</CardTitle>
            <CardDescription>Failing first, then never synced, then the longest ago.</CardDescription>
          </CardHeader>
          <CardContent>
            {view.syncs.length === 0 ? (
              <p className="text-sm text-slate-500">No consented customer yet.</p>
            ) : (
              <ul className="grid gap-2" aria-label="Last successful sync per customer">
                {(showAllSyncs ? syncs : syncs.slice(0, SYNCS_SHOWN)).map((s) => (
                  <li key={s.customerId} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                    <span className="font-medium text-slate-900">{s.displayName}</span>
                    <span className="flex items-center gap-2">
                      {s.failureReason && <Badge tone="danger">Failing</Badge>}
                      {s.lastSuccessAt ? <RelativeTime date={s.lastSuccessAt} now={now} display="relative" /> : <span className="text-slate-500">Never</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {syncs.length > SYNCS_SHOWN && (
              <Button variant="ghost" size="sm" className="mt-2" onClick={() => setShowAllSyncs(!showAllSyncs)} aria-expanded={showAllSyncs}>
                {showAllSyncs ? "Show the first 10" : `Show all ${syncs.length} customers`}
              </Button>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
