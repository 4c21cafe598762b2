import { DaysLeftBadge } from "@/components/access/days-left-badge";
import type { AccessMatrix } from "@/lib/data/access";

/** Access in force held by guests whose home identity matches no staff member: listed, never dropped. */
export function UnmatchedGuests({ rows, total, now }: { rows: AccessMatrix["unmatched"]; total: number; now: Date }) {
  if (total === 0) return null;
  return (
    <section className="mt-8">
      <h2 className="mb-2 text-lg font-semibold text-slate-900">Guests that match no staff member ({total})</h2>
      <p className="mb-3 text-sm text-slate-600">Their home identity matches no user of this workspace. They keep their access; check who they are.</p>
      <ul className="grid gap-1 text-sm" aria-label="Unmatched guests">
        {rows.map((u) => (
          <li key={u.assignmentId} className="break-words">
            <span className="font-medium">{u.targetName ?? u.targetEmail ?? "Unknown guest"}</span> {u.targetEmail && <span className="text-slate-500">({u.targetEmail})</span>} · {u.customerName} ·{" "}
            {u.tier ?? u.packageName} · <DaysLeftBadge expiresAt={u.expiresAt} now={now} />
          </li>
        ))}
      </ul>
      {total > rows.length && <p className="mt-2 text-sm text-slate-600">The first {rows.length} of {total}; the CSV export has them all.</p>}
    </section>
  );
}
