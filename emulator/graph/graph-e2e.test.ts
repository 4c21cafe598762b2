/**
 * Graph through the real HTTPS server with real tokens: unmodified @azure/msal-node for
 * client credentials and unmodified @microsoft/microsoft-graph-client (customHosts), incl.
 * its RetryHandler honouring Retry-After on a 429.
 */
import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client, GraphError as SdkGraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../server.ts";
import type { LooseJson } from "./testing/harness.ts";

const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
const MSSP = "74361f78-e191-4c87-ac08-85e9f5f72879";

let emu: RunningEmulator;
let msal: ConfidentialClientApplication;
const control = (method: string, path: string, body?: unknown) =>
  fetch(`${emu.url}/_emulator${path}`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) }).then(async (r) => ({ status: r.status, body: (await r.json()) as LooseJson }));

async function token(tenantId: string): Promise<string> {
  const result = await msal.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"], authority: `${emu.url}/${tenantId}`, skipCache: true });
  if (!result) throw new Error("no token");
  return result.accessToken;
}

function graphClient(tenantId: string): Client {
  return Client.init({
    baseUrl: emu.url,
    customHosts: new Set([new URL(emu.url).hostname]),
    authProvider: (done) => { token(tenantId).then((t) => done(null, t), (e: unknown) => done(e, null)); },
  });
}

beforeAll(async () => {
  emu = await startEmulator({ seed: "emulator/seed/demo.json", port: 0, control: true, quiet: true });
  msal = new ConfidentialClientApplication({ auth: { clientId: APP_ID, clientSecret: "gatehouse-demo-client-secret", authority: `${emu.url}/${MSSP}`, knownAuthorities: [new URL(emu.url).host] } });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await control("POST", "/reset");
  await control("DELETE", "/faults");
  emu.world.grantConsent(CONTOSO, APP_ID);
});

describe("Graph with real clients", () => {
  it("serves the Graph SDK with an msal-node token", async () => {
    const client = graphClient(CONTOSO);
    const org = await client.api("/organization").select("id,displayName,verifiedDomains").get();
    expect(org.value[0]).toMatchObject({ id: CONTOSO, displayName: "Contoso" });
    const group = await client.api("/groups").post({ displayName: "Tier 1 Analyst", mailEnabled: false, mailNickname: "tier1", securityEnabled: true });
    const found = await client.api("/groups").filter("displayName eq 'Tier 1 Analyst'").select("id").get();
    expect(found.value).toEqual([{ id: group.id }]);
    const info = await client.api("/tenantRelationships/findTenantInformationByDomainName(domainName='northwinddefense.com')").get();
    expect(info.tenantId).toBe(MSSP);
  });

  it("surfaces Graph errors to the SDK with code and request id", async () => {
    const client = graphClient(CONTOSO);
    const error = await client.api("/groups/00000000-0000-0000-0000-000000000000").get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkGraphError);
    expect(error).toMatchObject({ statusCode: 404, code: "Request_ResourceNotFound" });
    expect((error as SdkGraphError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lets the SDK's RetryHandler recover from a 429 with Retry-After", async () => {
    await control("PUT", "/faults", [{ pathPattern: "/v1.0/organization", sequence: ["429"], retryAfterSeconds: 1 }]);
    const { body: before } = await control("GET", "/traffic");
    const org = await graphClient(CONTOSO).api("/organization").select("id").get();
    expect(org.value[0].id).toBe(CONTOSO);
    const { body: after } = await control("GET", `/traffic?since=${before.cursor}`);
    const calls = after.entries.filter((e: { path: string }) => e.path === "/v1.0/organization");
    expect(calls.map((c: { status: number }) => c.status)).toEqual([429, 200]);
    expect(calls[0].responseHeaders["retry-after"]).toBe("1");
  });

  it("refuses a token of a tenant without consent", async () => {
    await expect(token("d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7")).rejects.toThrow(/AADSTS7000229|consent/i);
  });

  it("answers 403 when the consented permissions do not cover the call", async () => {
    const response = await fetch(`${emu.url}/v1.0/users`, { headers: { authorization: `Bearer ${await token(CONTOSO)}` } });
    expect(response.status).toBe(403); // the demo app has no User.Read.All
    expect(((await response.json()) as LooseJson).error.code).toBe("Authorization_RequestDenied");
  });

  it("drops the connection or answers 503 on demand", async () => {
    const bearer = { authorization: `Bearer ${await token(CONTOSO)}` };
    await control("PUT", "/faults", { rules: [{ pathPattern: "/v1.0/groups", sequence: ["drop", "503", "ok"], latencyMs: 20 }] });
    await expect(fetch(`${emu.url}/v1.0/groups`, { headers: bearer })).rejects.toThrow();
    const unavailable = await fetch(`${emu.url}/v1.0/groups`, { headers: bearer });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("1");
    expect(((await unavailable.json()) as LooseJson).error.code).toBe("serviceNotAvailable");
    expect((await fetch(`${emu.url}/v1.0/groups`, { headers: bearer })).status).toBe(200);
  });
});
