import "server-only";
import { acquireAppToken, type AppToken } from "./app-tokens";
import { graphClientFor } from "./client";
import type { GraphAccessConfig } from "./config";
import { isAppMisconfiguration, isTransientTokenFailure, type TokenError } from "./errors";
import { toTokenError } from "./error-mapping";
import { getOrganization, type OrganizationSummary } from "./organization";

/**
 * Turns an admin-consent callback's *claim* ("tenant X consented") into proof. The callback's
 * `tenant` value can be forged, so nothing in it is trusted: a token must be issued for the
 * tenant, the token's own `tid` must be that tenant, and the tenant's own organization record
 * must list the customer's domain as verified.
 */

export type ConsentProofFailure = "not-granted" | "app-misconfigured" | "tenant-mismatch" | "domain-not-verified" | "microsoft-error";

export class ConsentProofError extends Error {
  override readonly name = "ConsentProofError";
  readonly reason: ConsentProofFailure;

  constructor(reason: ConsentProofFailure, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.reason = reason;
  }
}

export interface ConsentClaim {
  /** the `tenant` value from the consent callback: a claim, not a fact */
  claimedTenantId: string;
  /** the domain the MSSP recorded for this customer when inviting it */
  customerDomain: string;
}

export interface ConsentProof {
  tenantId: string;
  grantedRoles: string[];
  organizationName: string;
  verifiedDomains: string[];
}

export interface ConsentProofOptions {
  /** token attempts in all (default 4) */
  attempts?: number;
  /** first wait between attempts, doubled each time (default 1000: waits 1 s, 2 s, 4 s) */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ConsentProofDeps {
  acquireAppToken: (config: GraphAccessConfig, tenantId: string) => Promise<AppToken>;
  readOrganization: (config: GraphAccessConfig, tenantId: string) => Promise<OrganizationSummary>;
}

const defaultDeps: ConsentProofDeps = {
  // Fresh, not cached: consent revoked since the last token must not pass as proof.
  acquireAppToken: (config, tenantId) => acquireAppToken(config, tenantId, { forceRefresh: true }),
  readOrganization: (config, tenantId) => getOrganization(graphClientFor(config, tenantId)),
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function proveAdminConsent(config: GraphAccessConfig, claim: ConsentClaim, options: ConsentProofOptions = {}, deps: ConsentProofDeps = defaultDeps): Promise<ConsentProof> {
  const claimedTenant = claim.claimedTenantId.trim().toLowerCase();
  const token = await tokenWithRetries(config, claimedTenant, options, deps);

  // With a tenant-id authority Entra only issues tokens for that tenant; a domain (or any
  // other alias) resolves to some GUID, which is not what the callback claimed.
  if (token.tenantId.toLowerCase() !== claimedTenant) {
    throw new ConsentProofError("tenant-mismatch", `The consent callback named tenant '${claim.claimedTenantId}', but Entra issued the token for tenant ${token.tenantId}.`);
  }

  let organization: OrganizationSummary;
  try {
    organization = await deps.readOrganization(config, token.tenantId);
  } catch (error) {
    throw new ConsentProofError("microsoft-error", `Microsoft Graph could not read the organization of tenant ${token.tenantId}: ${(error as Error).message}`, error);
  }
  if (organization.id.toLowerCase() !== token.tenantId.toLowerCase()) {
    throw new ConsentProofError("tenant-mismatch", `Graph answered with organization ${organization.id} for tenant ${token.tenantId}.`);
  }

  const verifiedDomains = organization.verifiedDomains.map((domain) => domain.name);
  const wanted = normaliseDomain(claim.customerDomain);
  if (!verifiedDomains.some((name) => normaliseDomain(name) === wanted)) {
    throw new ConsentProofError(
      "domain-not-verified",
      `${claim.customerDomain} is not a verified domain of tenant ${token.tenantId} (${organization.displayName}). Its verified domains are: ${verifiedDomains.join(", ") || "none"}.`,
    );
  }

  return { tenantId: token.tenantId, grantedRoles: token.roles, organizationName: organization.displayName, verifiedDomains };
}

function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * Consent takes effect when Entra has created the app's service principal in the tenant, which
 * can lag the consent redirect by a few seconds; so "no service principal" is retried briefly.
 * Errors that waiting cannot fix end the attempt at once.
 */
async function tokenWithRetries(config: GraphAccessConfig, tenantId: string, options: ConsentProofOptions, deps: ConsentProofDeps): Promise<AppToken> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 4));
  const delayMs = options.delayMs ?? 1000;
  const sleep = options.sleep ?? wait;
  let last: TokenError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await deps.acquireAppToken(config, tenantId);
    } catch (error) {
      last = toTokenError(error, tenantId);
      if (isAppMisconfiguration(last)) {
        throw new ConsentProofError("app-misconfigured", `Entra rejected the portal's own app credentials (${last.code}); this is a portal configuration problem, not a missing consent. ${last.message}`, last);
      }
      if (!last.retryable) throw notGranted(last);
      if (attempt < attempts) await sleep(delayMs * 2 ** (attempt - 1));
    }
  }
  if (last && isTransientTokenFailure(last)) {
    throw new ConsentProofError("microsoft-error", `Entra could not issue a token for tenant ${tenantId} after ${attempts} attempts: ${last.message}`, last);
  }
  throw notGranted(last);
}

function notGranted(error: TokenError | undefined): ConsentProofError {
  const tenant = error?.tenantId ?? "the tenant";
  return new ConsentProofError(
    "not-granted",
    `No admin consent for the portal in ${tenant}${error ? ` (${error.code})` : ""}. An administrator of that tenant must grant it; if they just did, wait a minute and try again.`,
    error,
  );
}
