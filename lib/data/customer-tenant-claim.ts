import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { InvalidInputError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { tenantClaimRefusal } from "@/lib/onboarding/tenant-claim";

/**
 * Refuses a tenant that is already a customer (resolved or consented) anywhere in the
 * deployment, or is an MSSP's own tenant. Resolved tenants have no unique index (a consent may
 * still move a customer to another tenant), so claims on one tenant are serialised with a
 * transaction-scoped advisory lock: two workspaces adding the same tenant at once cannot both
 * pass the read. Consented tenants are also held by the database's unique index and trigger.
 */
export async function claimTenant(user: CurrentUser, domain: string, tenantId: string, tx: Prisma.TransactionClient): Promise<void> {
  const tenant = tenantId.toLowerCase();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`gatehouse:customer-tenant:${tenant}`}, 0))`;
  const sameTenant = { OR: [{ tenantId: tenant }, { resolvedTenantId: tenant }] } satisfies Prisma.CustomerWhereInput;
  // One connection per transaction: the reads run one after another.
  const twin = await tx.customer.findFirst({
    where: { workspaceId: user.workspace.id, ...sameTenant },
    orderBy: { createdAt: "asc" },
    select: { displayName: true, primaryDomain: true },
  });
  const elsewhere = await tx.customer.count({ where: { workspaceId: { not: user.workspace.id }, ...sameTenant } });
  const msspElsewhere = await tx.workspace.count({ where: { tenantId: tenant, id: { not: user.workspace.id } } });
  const refusal = tenantClaimRefusal(domain, tenant, {
    workspaceTenantId: user.workspace.tenantId,
    sameWorkspaceCustomer: twin,
    claimedElsewhere: elsewhere > 0 || msspElsewhere > 0,
  });
  if (refusal) throw new InvalidInputError("This customer cannot be added.", { primaryDomain: [refusal] });
}
