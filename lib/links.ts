// Pure builders for the Microsoft portals people open (GRAPH-API.md §7).

/** My Access in the customer's tenant: analysts request, approvers approve. */
export function myAccessUrl(customerDomain: string): string {
  return `https://myaccess.microsoft.com/@${encodeURIComponent(customerDomain)}`;
}

/** The durable request link of one access package. */
export function accessPackageRequestUrl(customerDomain: string, accessPackageId: string): string {
  return `${myAccessUrl(customerDomain)}#/access-packages/${encodeURIComponent(accessPackageId)}`;
}

/** The Defender portal opened in the customer's tenant. */
export function defenderPortalUrl(customerTenantId: string): string {
  return `https://security.microsoft.com/?tid=${encodeURIComponent(customerTenantId)}`;
}

/** The approver's queue in My Access of the customer's tenant (approval itself happens there). */
export function myAccessApprovalsUrl(customerDomain: string): string {
  return `${myAccessUrl(customerDomain)}#/approvals`;
}
