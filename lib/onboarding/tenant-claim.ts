// Pure: whether a customer may be added for the tenant its domain resolved to. A tenant is the
// customer of at most one workspace in the deployment and never an MSSP's own tenant; the
// database enforces that for consented tenants, this refuses it already when the customer is added.

export interface TenantClaims {
  /** the signed-in MSSP's own tenant */
  workspaceTenantId: string;
  /** a customer of this workspace that resolved to, or consented from, the same tenant */
  sameWorkspaceCustomer: { displayName: string; primaryDomain: string } | null;
  /** another workspace's customer, or another workspace's own tenant: never named */
  claimedElsewhere: boolean;
}

export function notAMicrosoftTenantMessage(domain: string): string {
  return `No Microsoft Entra tenant has verified ${domain}. Check the spelling, or ask the customer for a domain verified in their tenant (their .onmicrosoft.com domain always is).`;
}

/** Why the tenant cannot become this workspace's customer, or null when it can. */
export function tenantClaimRefusal(domain: string, tenantId: string, claims: TenantClaims): string | null {
  if (tenantId.toLowerCase() === claims.workspaceTenantId.toLowerCase()) {
    return `${domain} belongs to your own MSSP tenant. A customer is another organization's Microsoft tenant.`;
  }
  const twin = claims.sameWorkspaceCustomer;
  if (twin) {
    return `${domain} belongs to the same Microsoft tenant as ${twin.displayName} (${twin.primaryDomain}), which is already your customer.`;
  }
  if (claims.claimedElsewhere) {
    return `The Microsoft tenant of ${domain} is already managed by another MSSP in this Gatehouse. A tenant can be the customer of one MSSP only.`;
  }
  return null;
}
