import { ConfidentialClientApplication } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, APP_SECRET, CONTOSO, FABRIKAM, MSSP_TENANT, startDemoEmulator } from "./test-helpers.ts";

let emulator: RunningEmulator;
let host: string;
beforeAll(async () => {
  emulator = await startDemoEmulator();
  host = new URL(emulator.url).host;
});
afterAll(() => emulator.close());

/** An unmodified msal-node client, pointed at the emulator only through knownAuthorities. */
function msal(secret = APP_SECRET) {
  return new ConfidentialClientApplication({ auth: { clientId: APP_ID, clientSecret: secret, authority: `${emulator.url}/${MSSP_TENANT}`, knownAuthorities: [host] } });
}

const GRAPH = ["https://graph.microsoft.com/.default"];

describe("client credentials with @azure/msal-node", () => {
  it("issues an app token in a tenant where the app has consent", async () => {
    const result = await msal().acquireTokenByClientCredential({ scopes: GRAPH, authority: `${emulator.url}/${MSSP_TENANT}` });
    const claims = decodeJwt(result!.accessToken);
    expect(claims).toMatchObject({ aud: "https://graph.microsoft.com", iss: `https://sts.windows.net/${MSSP_TENANT}/`, tid: MSSP_TENANT, appid: APP_ID, azp: APP_ID, idtyp: "app" });
    expect(claims.roles).toEqual(emulator.world.consentedPermissions(MSSP_TENANT, APP_ID));
  });

  it("fails like Entra (AADSTS7000229) before consent, and works after it", async () => {
    const client = msal();
    const error = await client.acquireTokenByClientCredential({ scopes: GRAPH, authority: `${emulator.url}/${FABRIKAM}` }).then(
      () => undefined,
      (e: unknown) => e as { errorCode: string; errorMessage: string },
    );
    expect(error?.errorCode).toBe("invalid_client");
    expect(error?.errorMessage).toContain(`AADSTS7000229: The client application ${APP_ID} is missing service principal in the tenant ${FABRIKAM}`);

    emulator.world.grantConsent(FABRIKAM, APP_ID);
    const result = await client.acquireTokenByClientCredential({ scopes: GRAPH, authority: `${emulator.url}/fabrikam.com`, skipCache: true });
    expect(decodeJwt(result!.accessToken).tid).toBe(FABRIKAM);
  });

  it("rejects a wrong client secret (AADSTS7000215)", async () => {
    const error = await msal("wrong")
      .acquireTokenByClientCredential({ scopes: GRAPH, authority: `${emulator.url}/${MSSP_TENANT}` })
      .then(
        () => undefined,
        (e: unknown) => e as { errorCode: string; errorMessage: string },
      );
    expect(error?.errorCode).toBe("invalid_client");
    expect(error?.errorMessage).toContain("AADSTS7000215");
  });
});

describe("token endpoint errors (raw)", () => {
  async function token(tenant: string, fields: Record<string, string>) {
    const response = await fetch(`${emulator.url}/${tenant}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: APP_ID, client_secret: APP_SECRET, scope: GRAPH[0]!, ...fields }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("returns Entra's error body for a tenant without consent", async () => {
    const { status, body } = await token(CONTOSO, {});
    expect(status).toBe(400);
    expect(Object.keys(body).sort()).toEqual(["correlation_id", "error", "error_codes", "error_description", "error_uri", "timestamp", "trace_id"]);
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000229] });
  });

  it("refuses unknown clients, common/organizations, non-.default and non-Graph scopes", async () => {
    expect((await token(MSSP_TENANT, { client_id: "00000000-0000-0000-0000-00000000000a" })).body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
    expect((await token("common", {})).body).toMatchObject({ error: "invalid_request", error_codes: [9001023] });
    expect((await token("organizations", {})).body).toMatchObject({ error_codes: [50059] });
    expect((await token(MSSP_TENANT, { scope: "https://graph.microsoft.com/User.Read" })).body).toMatchObject({ error: "invalid_scope", error_codes: [1002012] });
    expect((await token(MSSP_TENANT, { scope: "https://api.securitycenter.microsoft.com/.default" })).body).toMatchObject({ error: "invalid_resource", error_codes: [500011] });
    expect((await token(MSSP_TENANT, { scope: "00000003-0000-0000-c000-000000000000/.default" })).status).toBe(200);
    expect((await token(MSSP_TENANT, { client_secret: "" })).body).toMatchObject({ error: "invalid_client", error_codes: [7000218] });
    expect((await token(MSSP_TENANT, { grant_type: "password" })).body).toMatchObject({ error: "unsupported_grant_type" });
  });
});

describe("msal-node configured with authorityMetadata + cloudDiscoveryMetadata (no network discovery at all)", () => {
  it("uses the published metadata (with {tenant} substituted) and gets a token", async () => {
    const metadata = (await (await fetch(`${emulator.url}/${MSSP_TENANT}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const template = JSON.stringify(metadata).replaceAll(MSSP_TENANT, "{tenant}");
    // Without knownAuthorities, MSAL asks login.microsoftonline.com for instance metadata unless it is given here.
    const cloudMetadata = JSON.stringify({ tenant_discovery_endpoint: `${emulator.url}/{tenant}/v2.0/.well-known/openid-configuration`, metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }] });
    const cca = new ConfidentialClientApplication({ auth: { clientId: APP_ID, clientSecret: APP_SECRET, authority: `${emulator.url}/${MSSP_TENANT}`, authorityMetadata: template, cloudDiscoveryMetadata: cloudMetadata } });
    const result = await cca.acquireTokenByClientCredential({ scopes: GRAPH, authority: `${emulator.url}/${MSSP_TENANT}` });
    expect(decodeJwt(result!.accessToken).tid).toBe(MSSP_TENANT);
  });
});
