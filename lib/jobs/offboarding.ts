import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { confirmationMatches, offboardCustomer } from "@/lib/offboarding";
import { defineJob, RetryLaterError } from "./definitions";

/**
 * Offboarding runs in the worker: the job names the customer, and a retried job (its worker
 * died) calls offboardCustomer again, which takes the same run up where it stopped.
 */

export const CUSTOMER_OFFBOARD = "customer-offboard";

export const offboardJobSchema = z.strictObject({ workspaceId: z.uuid(), customerId: z.uuid(), actor: z.string().min(1).max(200) });

export const customerOffboard = defineJob({
  name: CUSTOMER_OFFBOARD,
  schema: offboardJobSchema,
  queue: { policy: "short", retryLimit: 8, retryDelay: 2, retryBackoff: true },
  singletonKey: (data) => data.customerId,
  async handler(data, { signal }) {
    const customer = await db.customer.findFirst({ where: { id: data.customerId, workspaceId: data.workspaceId }, select: { primaryDomain: true } });
    if (!customer) return { skipped: "customer deleted" };
    // The person confirmed with the domain when they asked (requestOffboarding); the job repeats it.
    const report = await offboardCustomer({ ...data, confirm: customer.primaryDomain }, { signal });
    if (signal.aborted && report.customer.status !== "offboarded") throw new RetryLaterError("the worker stopped during offboarding; it resumes on retry");
    return { status: report.customer.status, removed: report.removed.length, notRemoved: report.notRemoved.length };
  },
});

/** Checks the typed confirmation, marks the customer offboarding and queues the job. */
export async function requestOffboarding(input: { workspaceId: string; customerId: string; confirm: string; actor: string }): Promise<void> {
  const customer = await db.customer.findFirst({ where: { id: input.customerId, workspaceId: input.workspaceId }, select: { id: true, primaryDomain: true, status: true } });
  if (!customer) throw new NotFoundError("The customer");
  if (!confirmationMatches(customer.primaryDomain, input.confirm)) {
    throw new InvalidInputError(`Type the customer's domain, ${customer.primaryDomain}, to confirm.`, { confirm: [`Type ${customer.primaryDomain} exactly.`] });
  }
  if (customer.status === "offboarded") throw new InvalidInputError("This customer is already offboarded.");
  await db.customer.updateMany({ where: { id: customer.id, workspaceId: input.workspaceId }, data: { status: "offboarding" } });
  await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "customer.offboarding_requested", target: `customer:${customer.id}` });
  const { enqueue } = await import("./enqueue");
  await enqueue(customerOffboard, { workspaceId: input.workspaceId, customerId: customer.id, actor: input.actor });
}
