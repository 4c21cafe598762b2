"use client";

import { useQuery } from "@tanstack/react-query";
import { Spinner } from "@/components/ui/spinner";
import type { SetupProgress as Progress } from "@/lib/data/setup-progress";
import { ProgressBar } from "./progress-bar";

async function fetchProgress(query: string): Promise<Progress> {
  const response = await fetch(`/api/consent/progress?${query}`, { cache: "no-store" });
  if (!response.ok) throw new Error("not available");
  return (await response.json()) as Progress;
}

const settled = (state: Progress["state"] | undefined) => state === "ready" || state === "needs_attention";

/**
 * The customer admin watches the setup that their consent started: "Creating 14 of 21", then
 * "Ready" and what was created. `query` is the result page's own key (see app/api/consent/progress).
 */
export function SetupProgress({ query }: { query: string }) {
  const progress = useQuery({
    queryKey: ["setup-progress", query],
    queryFn: () => fetchProgress(query),
    staleTime: 0,
    retry: 2,
    refetchInterval: (q) => (settled(q.state.data?.state) || q.state.status === "error" ? false : 1000),
  });
  if (progress.isError) return null;
  const data = progress.data;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="setup-heading" aria-live="polite">
      <h2 id="setup-heading" className="text-lg font-semibold text-slate-900">
        {!data || data.state === "queued" || data.state === "not_started"
          ? "Setting up your tenant …"
          : data.state === "running"
            ? // Until the plan is written the run is reading the tenant: there is nothing to count yet.
              data.total === 0
              ? "Checking your tenant …"
              : `Creating ${Math.min(data.done + 1, data.total)} of ${data.total}`
            : data.state === "ready"
              ? "Ready"
              : "Setup paused"}
      </h2>
      {data && (data.state === "running" || data.state === "queued") && (
        <div className="mt-3">
          <ProgressBar done={data.done} total={data.total} label="Setup progress" />
        </div>
      )}
      {!data && <Spinner className="mt-3" label="Loading progress" />}
      {data?.state === "not_started" && (
        <p className="mt-2 text-sm text-slate-600">Your security provider will start the setup from their portal.</p>
      )}
      {data?.state === "needs_attention" && (
        <p className="mt-2 text-sm text-slate-700">
          Part of the setup needs a person to finish it. Your security provider has been told and will contact you if they need
          anything.
        </p>
      )}
      {data?.state === "ready" && (
        <p className="mt-2 text-sm text-slate-700">Everything is in place. You can close this page.</p>
      )}
      {data && data.created.length > 0 && (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-slate-900">{data.state === "ready" ? "Created in your tenant" : "Done so far"}</h3>
          <ul className="mt-2 grid gap-1 text-sm text-slate-700" aria-label="Created in your tenant">
            {data.created.map((title, i) => (
              <li key={i} className="flex gap-2">
                <span aria-hidden="true" className="text-emerald-600">✓</span>
                {title}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
