import "server-only";
import { db } from "@/lib/db";
import { enqueue } from "./enqueue";
import { blueprintRollout } from "./registry";

/**
 * A worker starting up: queue every rollout that still has work (running, queued, or paused or
 * cancelled with customers still running), in case its job died with a worker. A rollout whose
 * slice is alive elsewhere just gets one more overlapping tick loop, which its row lock makes safe.
 */
export async function requeueActiveRollouts(): Promise<number> {
  const open = await db.rollout.findMany({
    where: {
      OR: [
        { status: { in: ["queued", "running"] } },
        { status: { in: ["paused", "cancelled"] }, customers: { some: { status: "running" } } },
      ],
    },
    select: { id: true, workspaceId: true },
  });
  for (const rollout of open) await enqueue(blueprintRollout, { workspaceId: rollout.workspaceId, rolloutId: rollout.id });
  return open.length;
}
