import "server-only";
import { AppError, InvalidInputError } from "@/lib/errors";
import { graphClientFor } from "@/lib/graph/client";
import type { GraphAccessConfig } from "@/lib/graph/config";
import { GraphError, TokenError, isTransientTokenFailure } from "@/lib/graph/errors";
import { lookupTenantOfDomain, type TenantOfDomain } from "@/lib/graph/tenant-lookup";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { notAMicrosoftTenantMessage } from "./tenant-claim";

const NOTHING_SAVED = "Nothing was saved.";

/** What the admin reads when the domain could not be checked; the cause goes to the log. */
export function lookupFailureMessage(error: unknown): string {
  if (error instanceof TokenError) {
    if (isTransientTokenFailure(error)) {
      return `Microsoft sign-in could not be reached to check the domain. ${NOTHING_SAVED} Try again in a minute.`;
    }
    return `Gatehouse could not get a token for its app in your own tenant (${error.code}), so it cannot check the domain. ${NOTHING_SAVED} Ask an administrator of your tenant to check the app registration and its consent.`;
  }
  if (error instanceof GraphError) {
    if (error.status === 403 || error.status === 401) {
      return `Gatehouse's app lacks the CrossTenantInformation.ReadBasic.All permission in your own tenant, so it cannot check the domain. ${NOTHING_SAVED} An administrator of your tenant must grant it.`;
    }
    if (error.status === 429) {
      return `Microsoft Graph is throttling requests, so the domain could not be checked. ${NOTHING_SAVED} Try again in a minute.`;
    }
  }
  return `Microsoft Graph could not be reached to check the domain. ${NOTHING_SAVED} Try again in a minute.`;
}

/**
 * The tenant a new customer's domain belongs to, asked as the MSSP's app in the MSSP's own
 * tenant. A domain that is no Microsoft tenant is a field error; a failure to ask is not, and
 * keeps the form as typed.
 */
export async function resolveCustomerTenant(
  workspaceTenantId: string,
  domain: string,
  config: GraphAccessConfig | null = graphAccessFromEnv(),
): Promise<TenantOfDomain> {
  if (!config) {
    throw new AppError(
      `Gatehouse is not connected to Microsoft (ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET are not set), so it cannot check the domain. ${NOTHING_SAVED}`,
      503,
      "graph_not_configured",
    );
  }
  let lookup;
  try {
    lookup = await lookupTenantOfDomain(graphClientFor(config, workspaceTenantId), domain);
  } catch (error) {
    console.error(`Tenant lookup for ${domain} failed`, error);
    throw new AppError(lookupFailureMessage(error), 503, "tenant_lookup_failed");
  }
  if (!lookup.found) {
    throw new InvalidInputError("This domain is not a Microsoft tenant.", { primaryDomain: [notAMicrosoftTenantMessage(domain)] });
  }
  return lookup.tenant;
}
