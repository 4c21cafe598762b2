"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userActor } from "@/lib/audit/record";
import { authorizedAction } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { repairDrift, runDriftCheck } from "@/lib/provisioning/drift";
import { GraphError, TokenError } from "@/lib/graph/errors";

const schema = z.object({ customerId: z.uuid({ message: "Unknown customer." }) });

/**
 * A repair that Graph stopped part way may have changed some objects (the audit log's "repair
 * failed" event lists them), so the generic "nothing was changed" would be untrue: say what stopped it.
 */
function repairStopped(error: unknown, customerId: string): unknown {
  // "Cannot repair: …" is a plain-words reason the admin can act on.
  if (error instanceof GraphError && error.code.startsWith("drift_")) return new AppError(error.message, 409, error.code);
  if (!(error instanceof GraphError || error instanceof TokenError)) return error;
  revalidatePath(`/customers/${customerId}`);
  return new AppError(`Repair stopped: ${error.message.replace(/\.?$/, ".")} What it changed before that is in the audit log; check again, then repair again.`, 502, "repair_failed");
}

/** Observes the tenant now and stores the check (reads only; with auto-repair on, high drift is repaired). */
export const checkDriftAction = authorizedAction(schema, "provisioning:apply", async ({ customerId }, user) => {
  const { report } = await runDriftCheck({ workspaceId: user.workspace.id, customerId, trigger: "manual" }).catch((error: unknown) => {
    throw repairStopped(error, customerId);
  });
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
    throw repairStopped(error, customerId);
  }
});
