"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

export interface SyncProgress {
  since: string;
  done: number;
  total: number;
}

/** "Sync now", then how many customers have been pulled since: the dashboard polls that progress. */
export function SyncNow({ progress, onStarted }: { progress: SyncProgress | null; onStarted: (since: string) => void }) {
  const start = useMutation({
    mutationFn: async () => {
      const res = await fetch("/api/sync", { method: "POST" });
      const body = (await res.json().catch(() => null)) as { startedAt?: string; error?: { message?: string } } | null;
      if (!res.ok || !body?.startedAt) throw new Error(body?.error?.message ?? "The sync could not be started.");
      return body.startedAt;
    },
    onSuccess: onStarted,
  });
  const running = progress !== null && progress.done < progress.total;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button onClick={() => start.mutate()} disabled={start.isPending || running}>
        {start.isPending || running ? <Spinner /> : null}
        Sync now
      </Button>
      {progress && (
        <span role="status" className="text-sm text-slate-600" data-testid="sync-progress">
          {progress.total === 0
            ? "No consented customer to sync."
            : running
              ? `Syncing: ${progress.done} of ${progress.total} customers done`
              : `Synced ${progress.total} of ${progress.total} customers`}
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
