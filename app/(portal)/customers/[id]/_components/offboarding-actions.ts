"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userActor } from "@/lib/audit/record";
import { authorizedAction } from "@/lib/auth/action";
import { requestOffboarding } from "@/lib/jobs/offboarding";

const offboardSchema = z.object({
  customerId: z.uuid({ message: "Unknown customer." }),
  confirm: z.string({ message: "Type the customer's domain to confirm." }).trim().min(1, "Type the customer's domain to confirm."),
});

/** Queues offboarding after the typed confirmation; the worker removes and the section reports. */
export const offboardAction = authorizedAction(offboardSchema, "customers:write", async ({ customerId, confirm }, user) => {
  await requestOffboarding({ workspaceId: user.workspace.id, customerId, confirm, actor: userActor(user.objectId) });
  revalidatePath(`/customers/${customerId}`);
  return { data: { customerId }, message: "Offboarding has started." };
});
