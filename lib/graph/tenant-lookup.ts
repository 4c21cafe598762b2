import "server-only";
import type { TenantInformation } from "@microsoft/microsoft-graph-types";
import { isGuid } from "@/lib/utils/guid";
import type { GraphClient } from "./client";
import { GraphError } from "./errors";
import { findTenantByDomain } from "./organization";

export interface TenantOfDomain {
  /** lower-case tenant id */
  tenantId: string;
  displayName: string;
  defaultDomainName: string | null;
}

/** `found: false` is Microsoft's own answer: no Entra tenant has verified this domain. */
export type DomainTenantLookup = { found: true; tenant: TenantOfDomain } | { found: false };

// Graph answers an unknown (or unverified) domain with 404 in the directory flavour. Any other
// failure (throttling, outage, a missing permission, no token) says nothing about the domain
// and leaves as the GraphError or TokenError it is.
const isUnknownDomain = (error: unknown) => error instanceof GraphError && error.status === 404;

/**
 * Which Entra tenant owns `domain`, asked with the app's token in the caller's own tenant
 * (CrossTenantInformation.ReadBasic.All works for any tenant, not only consented ones).
 */
export async function lookupTenantOfDomain(client: GraphClient, domain: string): Promise<DomainTenantLookup> {
  let info: TenantInformation;
  try {
    info = await findTenantByDomain(client, domain);
  } catch (error) {
    if (isUnknownDomain(error)) return { found: false };
    throw error;
  }
  return { found: true, tenant: readTenantInformation(info, domain) };
}

/** A 200 without a tenant id would otherwise be kept as a claim on nothing. */
export function readTenantInformation(info: TenantInformation, domain: string): TenantOfDomain {
  if (!isGuid(info.tenantId)) {
    throw new GraphError(`Graph returned no valid tenant id for ${domain}.`, { status: 200, code: "tenantIdMissing" });
  }
  return {
    tenantId: info.tenantId.toLowerCase(),
    displayName: info.displayName ?? "",
    defaultDomainName: info.defaultDomainName ?? null,
  };
}
