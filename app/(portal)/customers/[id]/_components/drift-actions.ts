"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userActor } from "@/lib/audit/record";
import { authorizedAction } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { repairDrift, runDriftCheck } from "@/lib/provisioning/drift";
import { GraphError } from "@/lib/graph/errors";

const schema = z.object({ customerId: z.uuid({ message: "Unknown customer." }) });

/** Observes the tenant now and stores the check (reads only). */
export const checkDriftAction = authorizedAction(schema, "provisioning:apply", async ({ customerId }, user) => {
  const { report } = await runDriftCheck({ workspaceId: user.workspace.id, customerId, trigger: "manual" });
  revalidatePath(`/customers/${customerId}`);
  revalidatePath("/drift");
  const found = report.items.length;
  return { data: report.status, message: report.status === "clean" ? "No drift: the tenant matches the blueprint." : report.status === "drift" ? `${found} difference(s) found.` : report.message ?? "The tenant could not be checked." };
});

/** Applies the plan that fixes the drift; audited with the signed-in user as actor. */
export const repairDriftAction = authorizedAction(schema, "provisioning:apply", async ({ customerId }, user) => {
  try {
    const result = await repairDrift({ workspaceId: user.workspace.id, customerId, actor: userActor(user.objectId), requestedById: user.id });
    revalidatePath(`/customers/${customerId}`);
    revalidatePath("/drift");
    return { data: result.after.status, message: result.after.status === "clean" ? "Repaired: the tenant matches the blueprint again." : `Repair ran (${result.runStatus}); ${result.after.items.length} difference(s) remain.` };
  } catch (error) {
    // "Cannot repair: …" is a plain-words reason the admin can act on.
    if (error instanceof GraphError && error.code.startsWith("drift_")) throw new AppError(error.message, 409, error.code);
    throw error;
  }
});
