import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, APP_SECRET, CONTOSO, MSSP_TENANT, startDemoEmulator } from "./test-helpers.ts";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startDemoEmulator();
});
afterAll(() => emulator.close());

async function discover(tenant: string) {
  const response = await fetch(`${emulator.url}/${tenant}/v2.0/.well-known/openid-configuration`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("OpenID discovery", () => {
  it("publishes a concrete tenant under its GUID, whether asked by GUID or by any domain", async () => {
    const byId = await discover(CONTOSO);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      issuer: `${emulator.url}/${CONTOSO}/v2.0`,
      authorization_endpoint: `${emulator.url}/${CONTOSO}/oauth2/v2.0/authorize`,
      token_endpoint: `${emulator.url}/${CONTOSO}/oauth2/v2.0/token`,
      jwks_uri: `${emulator.url}/${CONTOSO}/discovery/v2.0/keys`,
      end_session_endpoint: `${emulator.url}/${CONTOSO}/oauth2/v2.0/logout`,
      userinfo_endpoint: `${emulator.url}/oidc/userinfo`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["plain", "S256"],
    });
    for (const key of ["response_types_supported", "scopes_supported", "subject_types_supported", "claims_supported", "tenant_region_scope"]) expect(byId.body).toHaveProperty(key);
    expect((await discover("Contoso.COM")).body).toEqual(byId.body);
    expect((await discover("contoso.onmicrosoft.com")).body).toEqual(byId.body);
  });

  it("publishes the literal {tenantid} issuer for common and organizations", async () => {
    for (const segment of ["common", "organizations"]) {
      const { status, body } = await discover(segment);
      expect(status).toBe(200);
      expect(body.issuer).toBe(`${emulator.url}/{tenantid}/v2.0`);
      expect(body.token_endpoint).toBe(`${emulator.url}/${segment}/oauth2/v2.0/token`);
    }
  });

  it("answers an unknown tenant with Entra's invalid_tenant error", async () => {
    const { status, body } = await discover("nowhere.example");
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
    expect(body.error_description).toMatch(/^AADSTS90002: Tenant 'nowhere.example' not found\./);
    for (const key of ["timestamp", "trace_id", "correlation_id", "error_uri"]) expect(body).toHaveProperty(key);
  });

  it("publishes a JWKS that verifies the tokens it issues", async () => {
    const response = await fetch(`${emulator.url}/${MSSP_TENANT}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: APP_ID, client_secret: APP_SECRET, scope: "https://graph.microsoft.com/.default" }),
    });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    const jwks = createRemoteJWKSet(new URL(`${emulator.url}/common/discovery/v2.0/keys`));
    const { payload, protectedHeader } = await jwtVerify(access_token, jwks, { audience: "https://graph.microsoft.com", issuer: `https://sts.windows.net/${MSSP_TENANT}/` });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({ tid: MSSP_TENANT, appid: APP_ID, azp: APP_ID, idtyp: "app", oid: emulator.world.servicePrincipalId(MSSP_TENANT, APP_ID) });
    expect(payload.roles).toContain("EntitlementManagement.ReadWrite.All");
  });

  it("serves a small index page and 404s unknown paths", async () => {
    const index = await fetch(`${emulator.url}/`);
    expect(await index.text()).toContain("Local Microsoft Entra ID emulator");
    expect((await fetch(`${emulator.url}/${CONTOSO}/nothing-here`)).status).toBe(404);
  });
});
