"use client";

import { useMutation } from "@tanstack/react-query";

/** How many customers a fleet-wide job (sync, drift checks) has done since it was started. */
export interface FleetJobProgress {
  since: string;
  done: number;
  total: number;
}

/**
 * Starts a fleet-wide job by POSTing to `url`, which answers `{ startedAt }`; the page then polls
 * the progress since that instant. `busy` holds while it starts and until the polled progress is complete.
 */
export function useFleetJob(url: string, failure: string, progress: FleetJobProgress | null, onStarted: (since: string) => void) {
  const start = useMutation({
    mutationFn: async () => {
      const res = await fetch(url, { method: "POST" });
      const body = (await res.json().catch(() => null)) as { startedAt?: string; error?: { message?: string } } | null;
      if (!res.ok || !body?.startedAt) throw new Error(body?.error?.message ?? failure);
      return body.startedAt;
    },
    onSuccess: onStarted,
  });
  const running = progress !== null && progress.done < progress.total;
  return { start, busy: start.isPending || running };
}

/** "Syncing: 3 of 10 customers done", then "Synced 10 of 10 customers"; `none` when there is nobody to do. */
export function fleetProgressText(progress: FleetJobProgress, words: { none: string; doing: string; done: string }): string {
  if (progress.total === 0) return words.none;
  return progress.done < progress.total ? `${words.doing}: ${progress.done} of ${progress.total} customers done` : `${words.done} ${progress.total} of ${progress.total} customers`;
}
