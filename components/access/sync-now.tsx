"use client";

import { fleetProgressText, useFleetJob, type FleetJobProgress } from "@/components/jobs/use-fleet-job";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** "Sync now", then how many customers have been pulled since: the dashboard polls that progress. */
export function SyncNow({ progress, onStarted }: { progress: FleetJobProgress | null; onStarted: (since: string) => void }) {
  const { start, busy } = useFleetJob("/api/sync", "The sync could not be started.", progress, onStarted);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button onClick={() => start.mutate()} disabled={busy}>
        {busy ? <Spinner /> : null}
        Sync now
      </Button>
      {progress && (
        <span role="status" className="text-sm text-slate-600" data-testid="sync-progress">
          {fleetProgressText(progress, { none: "No consented customer to sync.", doing: "Syncing", done: "Synced" })}
        </span>
      )}
      {start.isError && (
        <span role="alert" className="text-sm text-red-700">
          {start.error.message}
        </span>
      )}
    </div>
  );
}
