import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { RolloutSummaryView } from "@/lib/data/rollouts";
import { RolloutStatusBadge } from "./rollout-status-badge";

/** The workspace's rollouts, newest first, each linking to its summary. */
export function PastRollouts({ rollouts }: { rollouts: RolloutSummaryView[] }) {
  if (rollouts.length === 0) return <p className="text-sm text-slate-600">No rollout yet.</p>;
  return (
    <ul className="grid gap-2" data-testid="past-rollouts">
      {rollouts.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/settings/rollout/${r.id}`} className="font-medium text-brand-700 hover:underline">
              Blueprint version {r.blueprintVersion}
            </Link>
            <RolloutStatusBadge status={r.status} />
          </div>
          <span className="text-slate-600">
            {r.counts.succeeded} changed · {r.counts.unchanged} unchanged · {r.counts.failed} failed
            {r.counts.pending > 0 && ` · ${r.counts.pending} not finished`} · <RelativeTime date={r.createdAt} display="relative" />
          </span>
        </li>
      ))}
    </ul>
  );
}
