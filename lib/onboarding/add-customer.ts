import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import type { TenantOfDomain } from "@/lib/graph/tenant-lookup";
import { onboardCustomer, type IssuedInvite } from "./invites";
import { resolveCustomerTenant } from "./resolve-tenant";
import type { CreateCustomerInput } from "./schemas";

export interface AddCustomerDeps {
  resolveTenant: (workspaceTenantId: string, domain: string) => Promise<TenantOfDomain>;
}

const defaultDeps: AddCustomerDeps = { resolveTenant: (tenantId, domain) => resolveCustomerTenant(tenantId, domain) };

/**
 * The add form: resolve the domain to its tenant at Microsoft first (outside any transaction,
 * it is a network call), then add the customer and its first link, refusing a tenant that is
 * already taken. Nothing is saved unless all of it succeeds.
 */
export async function addCustomer(
  user: CurrentUser,
  input: CreateCustomerInput,
  deps: AddCustomerDeps = defaultDeps,
): Promise<IssuedInvite & { customerId: string; tenant: TenantOfDomain }> {
  requirePermission(user, "customers:write");
  const tenant = await deps.resolveTenant(user.workspace.tenantId, input.primaryDomain);
  return { ...(await onboardCustomer(user, input, tenant)), tenant };
}
