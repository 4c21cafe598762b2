"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { db } from "@/lib/db";
import { driftCheck } from "@/lib/jobs/drift-schedule";
import { enqueue } from "@/lib/jobs/enqueue";

/**
 * Queues a drift check of every provisioned customer: the workers run them with their bounded
 * concurrency (and auto-repair, when the blueprint says so); this page shows each as it lands.
 */
export const checkAllDriftAction = authorizedAction(z.object({}), "provisioning:apply", async (_input, user) => {
  const customers = await db.customer.findMany({ where: { workspaceId: user.workspace.id, status: { in: ["active", "needs_attention"] }, tenantId: { not: null } }, select: { id: true } });
  for (const c of customers) await enqueue(driftCheck, { workspaceId: user.workspace.id, customerId: c.id, trigger: "manual" });
  revalidatePath("/drift");
  return { data: customers.length, message: customers.length ? `Checking ${customers.length} customer(s); refresh to see each result.` : "No provisioned customer to check." };
});
