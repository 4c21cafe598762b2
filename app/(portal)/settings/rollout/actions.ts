"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { env } from "@/lib/env";
import { cancelRollout, pauseRollout, resumeRollout, startRollout } from "@/lib/rollout/commands";

const actorOf = (user: { workspace: { id: string }; objectId: string; id: string }) => ({ workspaceId: user.workspace.id, actor: `user:${user.objectId}`, startedById: user.id });
const rolloutIdSchema = z.object({ rolloutId: z.uuid() });

/** "Roll out to N customers": the rollout job does the work; the page follows it. */
export const startRolloutAction = authorizedAction(z.object({}), "provisioning:apply", async (_input, user) => {
  const started = await startRollout({ ...actorOf(user), concurrency: env.ROLLOUT_CONCURRENCY });
  revalidatePath("/settings/rollout");
  return { data: started.rolloutId, message: `Rolling blueprint version ${started.blueprintVersion} out to ${started.total} customer(s).` };
});

export const pauseRolloutAction = authorizedAction(rolloutIdSchema, "provisioning:apply", async ({ rolloutId }, user) => {
  await pauseRollout({ ...actorOf(user), rolloutId });
  revalidatePath("/settings/rollout");
  return { data: rolloutId, message: "Paused: no new customer starts; the running ones finish." };
});

export const resumeRolloutAction = authorizedAction(rolloutIdSchema, "provisioning:apply", async ({ rolloutId }, user) => {
  await resumeRollout({ ...actorOf(user), rolloutId });
  revalidatePath("/settings/rollout");
  return { data: rolloutId, message: "Resumed with the customers not yet started." };
});

export const cancelRolloutAction = authorizedAction(rolloutIdSchema, "provisioning:apply", async ({ rolloutId }, user) => {
  await cancelRollout({ ...actorOf(user), rolloutId });
  revalidatePath("/settings/rollout");
  return { data: rolloutId, message: "Cancelled: customers not yet started are skipped." };
});
