import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { RolloutCustomerView } from "@/lib/data/rollouts";

/** A titled list of a rollout's customers, each linking to its page; wraps on a phone. */
export function RolloutCustomerList({ title, customers, more = 0, testId, showMessage = false }: { title: string; customers: RolloutCustomerView[]; more?: number; testId: string; showMessage?: boolean }) {
  if (customers.length === 0) return null;
  return (
    <section className="grid gap-2" data-testid={testId}>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <ul className="grid gap-2">
        {customers.map((c) => (
          <li key={c.customerId} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <Link href={`/customers/${c.customerId}`} className="font-medium break-all text-brand-700 hover:underline">
                {c.displayName}
              </Link>
              <span className="text-xs text-slate-500">
                {c.finishedAt ? <RelativeTime date={c.finishedAt} display="relative" /> : c.startedAt ? <>started <RelativeTime date={c.startedAt} display="relative" /></> : null}
                {c.status === "succeeded" && c.unchanged && " · already matched"}
              </span>
            </div>
            {showMessage && c.message && <p className="mt-1 text-sm break-words text-slate-700">{c.message}</p>}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="text-xs text-slate-500">and {more} more</p>}
    </section>
  );
}
