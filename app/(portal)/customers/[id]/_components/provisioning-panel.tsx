"use client";

import { useQuery } from "@tanstack/react-query";
import { PackageLinks } from "@/components/provisioning/package-links";
import { ProgressBar } from "@/components/provisioning/progress-bar";
import { RunStatusBadge, isRunUnfinished } from "@/components/provisioning/step-status";
import { Alert } from "@/components/ui/alert";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ProvisioningView } from "@/lib/data/provisioning";
import { ProvisioningApply } from "./provisioning-apply";
import { ProvisioningSteps } from "./provisioning-steps";

async function fetchView(customerId: string): Promise<ProvisioningView> {
  const response = await fetch(`/api/customers/${customerId}/provisioning`, { cache: "no-store" });
  if (!response.ok) throw new Error("Progress could not be read; retrying.");
  return (await response.json()) as ProvisioningView;
}

/** Live: polls once a second while a run is queued or running, and stops when it ends. */
export function ProvisioningPanel({ initial, canApply }: { initial: ProvisioningView; canApply: boolean }) {
  const query = useQuery({
    queryKey: ["provisioning", initial.customerId],
    queryFn: () => fetchView(initial.customerId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (isRunUnfinished(q.state.data?.run?.status) || q.state.data?.status === "provisioning" ? 1000 : false),
  });
  const view = query.data;
  const run = view.run;
  const busy = isRunUnfinished(run?.status);
  const writable = ["consented", "provisioning", "active", "needs_attention"].includes(view.status);

  return (
    <div className="grid gap-4">
      {view.status === "needs_attention" && view.attentionReason && (
        <Alert tone="warning" title="Needs attention">
          {view.attentionReason}
        </Alert>
      )}
      {run ? (
        <div className="grid gap-2" aria-live="polite">
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <RunStatusBadge status={run.status} />
            <span data-testid="run-progress">
              {!busy
                ? `${run.stepsDone} of ${run.stepsTotal} steps`
                : run.stepsTotal === 0
                  ? "Reading the tenant …"
                  : `Step ${Math.min(run.stepsDone + 1, run.stepsTotal)} of ${run.stepsTotal}`}
            </span>
            <span className="text-slate-500">
              · {run.trigger === "consent" ? "started by consent" : `started by ${run.requestedByName ?? "an admin"}`}{" "}
              <RelativeTime date={new Date(run.createdAt)} display="relative" />
              {run.finishedAt && (
                <>
                  {" "}· {run.graphWrites} Graph write{run.graphWrites === 1 ? "" : "s"}
                </>
              )}
            </span>
          </div>
          {busy && <ProgressBar done={run.stepsDone} total={run.stepsTotal} label="Provisioning progress" />}
          {run.errorMessage && (
            <Alert tone="danger" title="The run stopped">
              {run.errorMessage}
              {run.errorCode && <span className="ml-1 font-mono text-xs">({run.errorCode})</span>}
            </Alert>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          {writable ? "Nothing has been applied to this tenant yet." : "Provisioning starts once the customer's admin has granted consent."}
        </p>
      )}
      {query.isError && <p className="text-xs text-amber-700">{query.error.message}</p>}
      {canApply && writable && <ProvisioningApply customerId={view.customerId} busy={busy} />}
      {view.packages.length > 0 && (
        <section className="grid gap-2">
          <h4 className="text-sm font-semibold text-slate-900">Request links</h4>
          <p className="text-sm text-slate-600">
            First step: your approvers request the <em>MSSP Analyst Approvers</em> package, and the customer&apos;s admin approves
            it. Then analysts request Tier 1 or Tier 2, and the approvers approve.
          </p>
          <PackageLinks packages={view.packages} />
        </section>
      )}
      {run && run.steps.length > 0 && (
        <details open={busy || run.status !== "succeeded"} className="group">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">Step log</summary>
          <div className="mt-2">
            <ProvisioningSteps steps={run.steps} />
          </div>
        </details>
      )}
    </div>
  );
}
