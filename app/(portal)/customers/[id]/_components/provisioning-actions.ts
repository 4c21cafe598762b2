"use server";

import { z } from "zod";
import { userActor } from "@/lib/audit/record";
import { authorizedAction } from "@/lib/auth/action";
import { requestProvisioning } from "@/lib/jobs/provisioning-requests";

const applySchema = z.object({ customerId: z.uuid({ message: "Unknown customer." }) });

/** Queues an apply; the worker does the writing and the section shows its progress. */
export const applyProvisioningAction = authorizedAction(applySchema, "provisioning:apply", async ({ customerId }, user) => {
  const run = await requestProvisioning({
    workspaceId: user.workspace.id,
    customerId,
    trigger: "manual",
    requestedById: user.id,
    actor: userActor(user.objectId),
  });
  return {
    data: run,
    message: run.joined ? "A run is already under way; it applies the same blueprint." : "Provisioning has started.",
  };
});
