import "server-only";
import { db } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { DeleteCustomerInput, UpdateCustomerInput } from "@/lib/onboarding/schemas";

const editable = { displayName: true, contactName: true, contactEmail: true } as const;

/** Renames a customer or changes its contact; the audit event lists what changed, before and after. */
export async function updateCustomer(user: CurrentUser, input: UpdateCustomerInput): Promise<{ changed: string[] }> {
  requirePermission(user, "customers:write");
  return db.$transaction(async (tx) => {
    const before = await tx.customer.findFirst({ where: { id: input.customerId, workspaceId: user.workspace.id }, select: editable });
    if (!before) throw new NotFoundError("The customer");
    const after = { displayName: input.displayName, contactName: input.contactName ?? null, contactEmail: input.contactEmail ?? null };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
    if (changed.length === 0) return { changed };
    await tx.customer.updateMany({ where: { id: input.customerId, workspaceId: user.workspace.id }, data: after });
    await recordAudit(
      {
        workspaceId: user.workspace.id,
        actor: userActor(user.objectId),
        action: "customer.updated",
        target: `customer:${input.customerId}`,
        details: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])),
      },
      tx,
    );
    return { changed };
  });
}

/** Names match the way people type them: surrounding spaces and letter case do not count. */
const sameName = (typed: string, name: string) => typed.trim().toLocaleLowerCase("en") === name.trim().toLocaleLowerCase("en");

/**
 * Deletes a customer that never consented, with its links, after the admin typed its name. A
 * consented customer is offboarded instead (its tenant holds what Gatehouse created). The delete
 * is conditional, so a consent recorded at this moment wins and the customer stays.
 */
export async function deleteCustomer(user: CurrentUser, input: DeleteCustomerInput): Promise<{ displayName: string }> {
  requirePermission(user, "customers:write");
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { id: input.customerId, workspaceId: user.workspace.id },
      select: { id: true, displayName: true, primaryDomain: true, tenantId: true, consentedAt: true, resolvedTenantId: true },
    });
    if (!customer) throw new NotFoundError("The customer");
    if (!sameName(input.confirmation, customer.displayName)) {
      throw new InvalidInputError("The name does not match.", { confirmation: [`Type ${customer.displayName} to confirm.`] });
    }
    const neverConsented = { tenantId: null, consentedAt: null };
    if (customer.tenantId !== null || customer.consentedAt !== null) throw consentedError();
    const deleted = await tx.customer.deleteMany({ where: { id: customer.id, workspaceId: user.workspace.id, ...neverConsented } });
    if (deleted.count !== 1) throw consentedError();
    await recordAudit(
      {
        workspaceId: user.workspace.id,
        actor: userActor(user.objectId),
        action: "customer.deleted",
        target: `customer:${customer.id}`,
        details: { displayName: customer.displayName, primaryDomain: customer.primaryDomain, resolvedTenantId: customer.resolvedTenantId },
      },
      tx,
    );
    return { displayName: customer.displayName };
  });
}

function consentedError(): ConflictError {
  return new ConflictError("This customer has consented, so it cannot be deleted. Offboard it instead: that removes what Gatehouse created in its tenant.");
}
