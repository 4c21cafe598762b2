import "server-only";
import { z } from "zod";
import { defaultSleep } from "@/lib/graph/http";
import { defineJob } from "./definitions";

export const blueprintRolloutSchema = z.strictObject({ workspaceId: z.uuid(), rolloutId: z.uuid() });
export type BlueprintRolloutData = z.infer<typeof blueprintRolloutSchema>;

export const BLUEPRINT_ROLLOUT = "blueprint-rollout";

export interface BlueprintRolloutDeps {
  /** One reconcile-and-start step (lib/rollout/tick); safe to overlap with another. */
  tick(rolloutId: string): Promise<{ done: boolean }>;
  /** Queues the next slice of this rollout. */
  requeue(data: BlueprintRolloutData): Promise<unknown>;
  /** Longest a slice runs before it hands over to a fresh job (well inside the lease). */
  sliceMs: number;
  tickMs?: number;
}

/**
 * "Drive this rollout": ticks once a second, starting customers' provisioning runs (served by the
 * provisioning-apply jobs, so the engine's per-customer lock and resumption apply) and recording
 * their outcomes. A rollout outlives any lease, so the job works in slices: it queues its
 * successor and ends. All state is in the database: a dead worker's slice is retried (or a
 * starting worker re-queues it) and carries on from the rows.
 */
export function blueprintRolloutJob(deps: BlueprintRolloutDeps) {
  return defineJob({
    name: BLUEPRINT_ROLLOUT,
    schema: blueprintRolloutSchema,
    queue: { policy: "short", retryLimit: 8, retryDelay: 2, retryBackoff: true },
    singletonKey: (data) => data.rolloutId,
    async handler(data, { signal }) {
      const until = Date.now() + deps.sliceMs;
      for (;;) {
        const tick = await deps.tick(data.rolloutId);
        if (tick.done) return tick;
        if (signal.aborted || Date.now() >= until) {
          await deps.requeue(data);
          return { continued: true };
        }
        await defaultSleep(deps.tickMs ?? 1000, signal).catch(() => undefined);
      }
    },
  });
}

/** A slice ends at half the lease, and at most after a minute, so a retry never races a live slice for long. */
export function rolloutSliceMs(jobTimeoutSeconds: number): number {
  return Math.min(60_000, Math.max(2_000, jobTimeoutSeconds * 500));
}
