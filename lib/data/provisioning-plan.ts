import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { previewPlan } from "@/lib/provisioning";
import type { Plan } from "@/lib/provisioning/types";
import { isGuid } from "@/lib/utils/guid";

/** Observes the tenant and plans against the blueprint, for a person to read before Apply. */
export async function previewProvisioning(user: CurrentUser, customerId: string): Promise<Plan> {
  requirePermission(user, "provisioning:apply");
  if (!isGuid(customerId)) throw new NotFoundError("The customer");
  const customer = await db.customer.findFirst({ where: { id: customerId, workspaceId: user.workspace.id }, select: { id: true } });
  if (!customer) throw new NotFoundError("The customer");
  return previewPlan({ workspaceId: user.workspace.id, customerId });
}
