"use client";

import { useQuery } from "@tanstack/react-query";
import { ProgressBar } from "@/components/provisioning/progress-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import type { RolloutView } from "@/lib/data/rollouts";
import { RolloutControls } from "./rollout-controls";
import { RolloutCustomerList } from "./rollout-customer-list";
import { RolloutStatusBadge } from "./rollout-status-badge";

async function fetchRollout(id: string): Promise<RolloutView> {
  const response = await fetch(`/api/rollouts/${id}`, { cache: "no-store" });
  if (!response.ok) throw new Error("Progress could not be read; retrying.");
  return (await response.json()) as RolloutView;
}

/** Live while the rollout has work (polls every 1.5 s); then its summary. */
export function RolloutProgress({ initial }: { initial: RolloutView }) {
  const query = useQuery({
    queryKey: ["rollout", initial.id],
    queryFn: () => fetchRollout(initial.id),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.active ? 1500 : false),
  });
  const view = query.data;
  const { counts } = view;
  const done = counts.succeeded + counts.unchanged + counts.failed + counts.skipped;
  return (
    <div className="grid gap-4" data-testid="rollout">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700" aria-live="polite">
        <RolloutStatusBadge status={view.status} />
        <span data-testid="rollout-progress">
          {done} of {counts.total} done
          {counts.running > 0 && ` · ${counts.running} running`}
          {counts.pending > 0 && ` · ${counts.pending} waiting`}
        </span>
      </div>
      <p className="-mt-2 text-sm text-slate-500">
        Blueprint version {view.blueprintVersion} · {view.concurrency} at a time · started by {view.startedByName ?? "the CLI"}{" "}
        <RelativeTime date={view.createdAt} display="relative" />
      </p>
      {view.active && <ProgressBar done={done} total={counts.total} label="Rollout progress" />}
      {view.status === "paused" && counts.running > 0 && <p className="text-sm text-slate-600">Pausing: waiting for the running customers to finish.</p>}
      <RolloutControls rolloutId={view.id} status={view.status} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="rollout-summary">
        {([
          ["Changed", counts.succeeded],
          ["Unchanged", counts.unchanged],
          ["Failed", counts.failed],
          ["Skipped", counts.skipped],
        ] as const).map(([label, value]) => (
          <div key={label} className="rounded-md border border-slate-200 bg-white px-3 py-2">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {query.isError && <p className="text-xs text-amber-700">{query.error.message}</p>}
      <RolloutCustomerList title="Failed" customers={view.failed} more={counts.failed - view.failed.length} testId="rollout-failed" showMessage />
      <RolloutCustomerList title="Running now" customers={view.running} testId="rollout-running" />
      <RolloutCustomerList title="Recently finished" customers={view.recent} testId="rollout-recent" />
      <RolloutCustomerList title="Skipped" customers={view.skipped} more={counts.skipped - view.skipped.length} testId="rollout-skipped" showMessage />
    </div>
  );
}
