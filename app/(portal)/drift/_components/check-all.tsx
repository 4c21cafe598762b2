"use client";

import { fleetProgressText, useFleetJob, type FleetJobProgress } from "@/components/jobs/use-fleet-job";
import { ProgressBar } from "@/components/provisioning/progress-bar";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** "Check all now", then how many customers have been checked since: the page polls that progress. */
export function CheckAll({ progress, onStarted }: { progress: FleetJobProgress | null; onStarted: (since: string) => void }) {
  const { start, busy } = useFleetJob("/api/drift", "The drift checks could not be started.", progress, onStarted);
  return (
    <div className="grid w-full gap-2 sm:w-72">
      <Button variant="outline" onClick={() => start.mutate()} disabled={busy}>
        {busy ? <Spinner label={null} size="sm" /> : null}
        Check all now
      </Button>
      {progress && (
        <div className="grid gap-1.5">
          <span role="status" className="text-sm text-slate-600" data-testid="drift-progress">
            {fleetProgressText(progress, { none: "No provisioned customer to check.", doing: "Checking", done: "Checked" })}
          </span>
          {progress.total > 0 && <ProgressBar done={progress.done} total={progress.total} label="Drift checks done" />}
        </div>
      )}
      {start.isError && (
        <span role="alert" className="text-sm text-red-700">
          {start.error.message}
        </span>
      )}
    </div>
  );
}
