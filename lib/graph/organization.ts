import "server-only";
import type { Organization, TenantInformation } from "@microsoft/microsoft-graph-types";
import { graphGet, type GraphClient } from "./client";
import { GraphError } from "./errors";

export interface VerifiedDomainSummary {
  name: string;
  isDefault: boolean;
  isInitial: boolean;
}

export interface OrganizationSummary {
  /** the tenant id */
  id: string;
  displayName: string;
  verifiedDomains: VerifiedDomainSummary[];
}

/** The tenant's own record: who it is and which domains it has proven it owns. */
export async function getOrganization(client: GraphClient): Promise<OrganizationSummary> {
  // App-only, /organization holds exactly the tenant the token is for.
  const page = await graphGet<{ value?: Organization[] }>(client, "/organization?$select=id,displayName,verifiedDomains");
  const organization = page.value?.[0];
  if (!organization?.id) throw new GraphError("Graph returned no organization for this tenant.", { status: 200, code: "organizationMissing" });
  return {
    id: organization.id.toLowerCase(),
    displayName: organization.displayName ?? "",
    verifiedDomains: (organization.verifiedDomains ?? [])
      .filter((domain) => typeof domain.name === "string" && domain.name !== "")
      .map((domain) => ({ name: domain.name ?? "", isDefault: domain.isDefault === true, isInitial: domain.isInitial === true })),
  };
}

/**
 * Which tenant a domain belongs to (any tenant, not only ones that consented). Needs
 * CrossTenantInformation.ReadBasic.All; global cloud only.
 */
export async function findTenantByDomain(client: GraphClient, domain: string): Promise<TenantInformation> {
  // OData string literals double their quotes; percent-encoding keeps `/ ? #` inside the
  // literal instead of ending the path.
  const literal = encodeURIComponent(domain.trim().replaceAll("'", "''"));
  return graphGet<TenantInformation>(client, `/tenantRelationships/findTenantInformationByDomainName(domainName='${literal}')`);
}
