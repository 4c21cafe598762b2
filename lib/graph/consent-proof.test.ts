import { describe, expect, it } from "vitest";
import type { AppToken } from "./app-tokens";
import type { GraphAccessConfig } from "./config";
import { ConsentProofError, proveAdminConsent, type ConsentProofDeps } from "./consent-proof";
import { GraphError, TokenError } from "./errors";
import type { OrganizationSummary } from "./organization";

const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
const FABRIKAM = "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7";
const config: GraphAccessConfig = { authorityHost: "https://login.example", graphBaseUrl: "https://graph.example", clientId: "app", clientSecret: "secret" };
const claim = { claimedTenantId: CONTOSO, customerDomain: "contoso.com" };

const token = (tenantId: string): AppToken => ({ accessToken: "t", tenantId, roles: ["Organization.Read.All"], expiresOn: null });
const contosoOrg: OrganizationSummary = {
  id: CONTOSO,
  displayName: "Contoso",
  verifiedDomains: [
    { name: "contoso.onmicrosoft.com", isDefault: false, isInitial: true },
    { name: "Contoso.com", isDefault: true, isInitial: false },
  ],
};
const tokenError = (code: string, extra: Partial<{ status: number; retryable: boolean }> = {}) =>
  new TokenError(code, { code, tenantId: CONTOSO, retryable: extra.retryable ?? true, ...(extra.status !== undefined ? { status: extra.status } : {}) });

/** Fakes that answer from scripts and count calls and waits. */
function fakes(tokens: (AppToken | Error)[], organization: OrganizationSummary | Error = contosoOrg) {
  const calls = { token: [] as string[], organization: [] as string[], sleeps: [] as number[] };
  const deps: ConsentProofDeps = {
    acquireAppToken: async (_config, tenantId) => {
      calls.token.push(tenantId);
      const next = tokens[Math.min(calls.token.length - 1, tokens.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
    readOrganization: async (_config, tenantId) => {
      calls.organization.push(tenantId);
      if (organization instanceof Error) throw organization;
      return organization;
    },
  };
  const sleep = async (ms: number) => void calls.sleeps.push(ms);
  return { deps, calls, sleep };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => expect.unreachable("expected a ConsentProofError"), (e: unknown) => e);
  expect(error).toBeInstanceOf(ConsentProofError);
  return (error as ConsentProofError).reason;
}

describe("proveAdminConsent", () => {
  it("returns the proof when token, tenant and domain all agree", async () => {
    const { deps, calls, sleep } = fakes([token(CONTOSO)]);
    const proof = await proveAdminConsent(config, { claimedTenantId: CONTOSO.toUpperCase(), customerDomain: " CONTOSO.com. " }, { sleep }, deps);
    expect(proof).toEqual({ tenantId: CONTOSO, grantedRoles: ["Organization.Read.All"], organizationName: "Contoso", verifiedDomains: ["contoso.onmicrosoft.com", "Contoso.com"] });
    expect(calls.organization).toEqual([CONTOSO]);
    expect(calls.sleeps).toEqual([]);
  });

  it("retries a missing service principal with backoff, then says not-granted", async () => {
    const { deps, calls, sleep } = fakes([tokenError("AADSTS7000229")]);
    expect(await reason(proveAdminConsent(config, claim, { sleep }, deps))).toBe("not-granted");
    expect(calls.token).toHaveLength(4);
    expect(calls.sleeps).toEqual([1000, 2000, 4000]);
    expect(calls.organization).toEqual([]);
  });

  it("honours attempts and delayMs", async () => {
    const { deps, calls, sleep } = fakes([tokenError("AADSTS700016")]);
    expect(await reason(proveAdminConsent(config, claim, { attempts: 2, delayMs: 10, sleep }, deps))).toBe("not-granted");
    expect(calls.token).toHaveLength(2);
    expect(calls.sleeps).toEqual([10]);
  });

  it("succeeds when consent propagates during the retries", async () => {
    const { deps, calls, sleep } = fakes([tokenError("AADSTS7000229"), tokenError("AADSTS7000229"), token(CONTOSO)]);
    await expect(proveAdminConsent(config, claim, { sleep }, deps)).resolves.toMatchObject({ tenantId: CONTOSO });
    expect(calls.sleeps).toEqual([1000, 2000]);
  });

  it("says app-misconfigured at once, without retrying, for a bad client secret", async () => {
    const { deps, calls, sleep } = fakes([tokenError("AADSTS7000215", { retryable: false, status: 401 })]);
    expect(await reason(proveAdminConsent(config, claim, { sleep }, deps))).toBe("app-misconfigured");
    expect(calls.token).toHaveLength(1);
    expect(calls.sleeps).toEqual([]);
  });

  it("says not-granted at once for a tenant Entra does not know", async () => {
    const { deps, calls, sleep } = fakes([tokenError("AADSTS90002", { retryable: false, status: 400 })]);
    expect(await reason(proveAdminConsent(config, claim, { sleep }, deps))).toBe("not-granted");
    expect(calls.token).toHaveLength(1);
  });

  it("says microsoft-error when Entra stays unreachable", async () => {
    const { deps, calls, sleep } = fakes([tokenError("network_error")]);
    expect(await reason(proveAdminConsent(config, claim, { sleep }, deps))).toBe("microsoft-error");
    expect(calls.token).toHaveLength(4);
  });

  it("says tenant-mismatch when the token is for another tenant than claimed", async () => {
    const { deps, calls, sleep } = fakes([token(FABRIKAM)]);
    expect(await reason(proveAdminConsent(config, claim, { sleep }, deps))).toBe("tenant-mismatch");
    expect(calls.token).toEqual([CONTOSO]);
    expect(calls.organization).toEqual([]); // nothing is read from a tenant nobody claimed
  });

  it("says tenant-mismatch when Graph answers with another organization", async () => {
    const { deps, sleep } = fakes([token(CONTOSO)], { ...contosoOrg, id: FABRIKAM });
    expect(await reason(proveAdminConsent(config, claim, { sleep }, deps))).toBe("tenant-mismatch");
  });

  it("says domain-not-verified when the customer's domain is not the tenant's", async () => {
    const { deps, sleep } = fakes([token(CONTOSO)]);
    expect(await reason(proveAdminConsent(config, { claimedTenantId: CONTOSO, customerDomain: "fabrikam.com" }, { sleep }, deps))).toBe("domain-not-verified");
    // a look-alike suffix is not the domain
    expect(await reason(proveAdminConsent(config, { claimedTenantId: CONTOSO, customerDomain: "evil-contoso.com" }, { sleep }, deps))).toBe("domain-not-verified");
  });

  it("says microsoft-error when Graph fails to return the organization", async () => {
    const { deps, sleep } = fakes([token(CONTOSO)], new GraphError("boom", { status: 500, code: "InternalServerError" }));
    const error = await proveAdminConsent(config, claim, { sleep }, deps).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "microsoft-error" });
    expect((error as Error).cause).toBeInstanceOf(GraphError);
  });
});
