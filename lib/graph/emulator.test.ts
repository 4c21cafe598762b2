// Integration: lib/graph against the local emulator over real HTTPS (MSAL, the Graph SDK,
// TLS through the emulator CA that the vitest global setup makes workers trust).
import type { Group } from "@microsoft/microsoft-graph-types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/server.ts";
import { acquireAppToken } from "./app-tokens";
import { graphClientFor, graphPost, listAll } from "./client";
import type { GraphAccessConfig } from "./config";
import { ConsentProofError, proveAdminConsent } from "./consent-proof";
import { TokenError } from "./errors";
import { findTenantByDomain, getOrganization } from "./organization";

const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const MSSP = "74361f78-e191-4c87-ac08-85e9f5f72879";
const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
const FABRIKAM = "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7";
const noWait = () => Promise.resolve();

let emulator: RunningEmulator;
let config: GraphAccessConfig;

beforeAll(async () => {
  // pageSize 2 so listAll has to follow nextLinks
  emulator = await startEmulator({ seed: "emulator/seed/demo.json", port: 0, quiet: true, pageSize: 2, control: true });
  config = { authorityHost: emulator.url, graphBaseUrl: emulator.url, clientId: APP_ID, clientSecret: "gatehouse-demo-client-secret" };
});
afterAll(async () => {
  await emulator?.close();
});
// Back to the seed (only the MSSP tenant has consented), with no faults and an empty log.
beforeEach(async () => {
  emulator.world.reset();
  await control("DELETE", "/faults");
  await control("DELETE", "/traffic");
});

/** The emulator's control API (emulator/control/handler.ts). */
async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

async function graphCalls(path: string): Promise<number[]> {
  const traffic = (await control("GET", "/traffic")) as { entries: { path: string; status: number }[] };
  return traffic.entries.filter((entry) => entry.path === path).map((entry) => entry.status);
}

async function rejection<T>(promise: Promise<T>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

describe("acquireAppToken", () => {
  it("gets a token for a consented tenant, with its tid and consented roles", async () => {
    const token = await acquireAppToken(config, MSSP);
    expect(token.tenantId).toBe(MSSP);
    expect(token.roles).toEqual(expect.arrayContaining(["Organization.Read.All", "EntitlementManagement.ReadWrite.All"]));
    expect(token.expiresOn?.getTime()).toBeGreaterThan(Date.now());
  });

  it("resolves a domain authority to the tenant's GUID", async () => {
    expect((await acquireAppToken(config, "northwinddefense.com")).tenantId).toBe(MSSP);
  });

  it("fails with AADSTS7000229, retryable, where the app has no service principal", async () => {
    const error = await rejection(acquireAppToken(config, CONTOSO));
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: "AADSTS7000229", tenantId: CONTOSO, retryable: true });
  });

  it("fails with AADSTS7000215, not retryable, for a wrong client secret", async () => {
    const error = await rejection(acquireAppToken({ ...config, clientSecret: "not-the-secret" }, MSSP));
    expect(error).toMatchObject({ name: "TokenError", code: "AADSTS7000215", retryable: false });
  });

  it("fails with Entra's AADSTS90002, not retryable, for a tenant that does not exist", async () => {
    // Endpoint metadata is given to MSAL, so this is the token POST's answer, as in production,
    // and not an MSAL discovery error.
    await expect(acquireAppToken(config, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "AADSTS90002", retryable: false });
    await expect(acquireAppToken(config, "no-such-tenant.example")).rejects.toMatchObject({ code: "AADSTS90002" });
  });

  it("refuses multi-tenant aliases before any request", async () => {
    for (const alias of ["common", "organizations", "consumers"]) {
      await expect(acquireAppToken(config, alias)).rejects.toMatchObject({ code: "invalid_tenant" });
    }
  });
});

describe("organization", () => {
  it("reads the tenant's verified domains", async () => {
    const organization = await getOrganization(graphClientFor(config, MSSP));
    expect(organization).toMatchObject({ id: MSSP, displayName: "Northwind Defense" });
    expect(organization.verifiedDomains.map((d) => d.name).sort()).toEqual(["northwinddefense.com", "northwinddefense.onmicrosoft.com"]);
    expect(organization.verifiedDomains.find((d) => d.isInitial)?.name).toBe("northwinddefense.onmicrosoft.com");
  });

  it("finds another tenant by domain", async () => {
    const info = await findTenantByDomain(graphClientFor(config, MSSP), "contoso.com");
    expect(info).toMatchObject({ tenantId: CONTOSO, displayName: "Contoso" });
  });

  it("surfaces a missing token as TokenError, not as a Graph failure", async () => {
    const error = await rejection(getOrganization(graphClientFor(config, CONTOSO)));
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: "AADSTS7000229" });
  });
});

describe("throttling", () => {
  it("retries a 429 after Retry-After and then succeeds", async () => {
    await control("PUT", "/faults", [{ pathPattern: "/v1.0/organization", sequence: ["429", "ok"], retryAfterSeconds: 1 }]);
    const started = Date.now();
    const organization = await getOrganization(graphClientFor(config, MSSP));
    expect(organization.id).toBe(MSSP);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await graphCalls("/v1.0/organization")).toEqual([429, 200]);
  });

  it("retries a 503 as well", async () => {
    await control("PUT", "/faults", [{ pathPattern: "/v1.0/organization", sequence: ["503", "ok"], retryAfterSeconds: 0 }]);
    await getOrganization(graphClientFor(config, MSSP));
    expect(await graphCalls("/v1.0/organization")).toEqual([503, 200]);
  });

  it("gives up after 3 retries with a GraphError carrying Retry-After", async () => {
    await control("PUT", "/faults", [{ pathPattern: "/v1.0/organization", sequence: ["429", "429", "429", "429"], retryAfterSeconds: 0 }]);
    const error = await rejection(getOrganization(graphClientFor(config, MSSP)));
    expect(error).toMatchObject({ name: "GraphError", status: 429, code: "TooManyRequests", retryAfter: 0 });
    expect(await graphCalls("/v1.0/organization")).toEqual([429, 429, 429, 429]);
  });
});

describe("listAll", () => {
  it("follows @odata.nextLink across pages", async () => {
    const client = graphClientFor(config, MSSP);
    const names = ["gh-list-1", "gh-list-2", "gh-list-3", "gh-list-4", "gh-list-5"];
    for (const name of names) {
      await graphPost<Group>(client, "/groups", { displayName: name, mailEnabled: false, mailNickname: name, securityEnabled: true });
    }
    const groups = await listAll<Group>(client, "/groups?$select=id,displayName");
    expect(groups.map((g) => g.displayName)).toEqual(expect.arrayContaining(names));
  });
});

describe("proveAdminConsent", () => {
  const claimContoso = { claimedTenantId: CONTOSO, customerDomain: "contoso.com" };

  it("proves Contoso's consent once it is granted", async () => {
    emulator.world.grantConsent(CONTOSO, APP_ID);
    const proof = await proveAdminConsent(config, { claimedTenantId: CONTOSO.toUpperCase(), customerDomain: "Contoso.COM" }, { sleep: noWait });
    expect(proof).toMatchObject({ tenantId: CONTOSO, organizationName: "Contoso" });
    expect(proof.verifiedDomains).toContain("contoso.com");
    expect(proof.grantedRoles).toContain("EntitlementManagement.ReadWrite.All");
  });

  it("is not-granted after all attempts while Contoso has not consented", async () => {
    const sleeps: number[] = [];
    const error = await rejection(proveAdminConsent(config, claimContoso, { sleep: async (ms) => void sleeps.push(ms) }));
    expect(error).toBeInstanceOf(ConsentProofError);
    expect(error).toMatchObject({ reason: "not-granted" });
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it("succeeds when consent propagates between attempts", async () => {
    let slept = 0;
    const grantDuringSecondWait = async () => {
      if (++slept === 2) emulator.world.grantConsent(CONTOSO, APP_ID);
    };
    const proof = await proveAdminConsent(config, claimContoso, { sleep: grantDuringSecondWait });
    expect(proof.tenantId).toBe(CONTOSO);
    expect(slept).toBe(2);
  });

  it("is not-granted, without retrying, for a claimed tenant that does not exist", async () => {
    let slept = 0;
    const error = await rejection(proveAdminConsent(config, { claimedTenantId: "00000000-0000-4000-8000-000000000000", customerDomain: "contoso.com" }, { sleep: async () => void slept++ }));
    expect(error).toMatchObject({ reason: "not-granted" });
    expect(slept).toBe(0);
  });

  it("is app-misconfigured, without retrying, for a wrong client secret", async () => {
    emulator.world.grantConsent(CONTOSO, APP_ID);
    let slept = 0;
    const error = await rejection(proveAdminConsent({ ...config, clientSecret: "wrong" }, claimContoso, { sleep: async () => void slept++ }));
    expect(error).toMatchObject({ reason: "app-misconfigured" });
    expect(slept).toBe(0);
  });

  it("is domain-not-verified when Contoso's tenant is asked for fabrikam.com", async () => {
    emulator.world.grantConsent(CONTOSO, APP_ID);
    const error = await rejection(proveAdminConsent(config, { claimedTenantId: CONTOSO, customerDomain: "fabrikam.com" }, { sleep: noWait }));
    expect(error).toMatchObject({ reason: "domain-not-verified" });
  });

  it("is tenant-mismatch when the claim names the tenant by a domain Entra resolves to another id", async () => {
    // A forged callback (`tenant=fabrikam.com`): Entra resolves the domain authority and
    // issues a token whose tid is Fabrikam's GUID, which is not what was claimed.
    emulator.world.grantConsent(FABRIKAM, APP_ID);
    const error = await rejection(proveAdminConsent(config, { claimedTenantId: "fabrikam.com", customerDomain: "fabrikam.com" }, { sleep: noWait }));
    expect(error).toMatchObject({ reason: "tenant-mismatch" });
  });

  it("does not accept a token cached before consent was revoked", async () => {
    emulator.world.grantConsent(CONTOSO, APP_ID);
    await acquireAppToken(config, CONTOSO); // now in MSAL's cache
    emulator.world.revokeConsent(CONTOSO, APP_ID);
    await expect(proveAdminConsent(config, claimContoso, { sleep: noWait })).rejects.toMatchObject({ reason: "not-granted" });
  });
});
