import { ConfidentialClientApplication } from "@azure/msal-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, APP_SECRET, CONTOSO, startDemoEmulator } from "../entra/test-helpers.ts";

let emulator: RunningEmulator;
let host: string;
beforeAll(async () => {
  emulator = await startDemoEmulator({ control: true });
  host = new URL(emulator.url).host;
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control("POST", "/reset");
  emulator.world.grantConsent(CONTOSO, APP_ID);
});

const control = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${emulator.url}/_emulator${path}`, { method, headers: { "content-type": "application/json" }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};
/** A fresh client each time, so MSAL's token cache never hides what Entra answers. */
const token = () =>
  new ConfidentialClientApplication({ auth: { clientId: APP_ID, clientSecret: APP_SECRET, authority: `${emulator.url}/${CONTOSO}`, knownAuthorities: [host] } })
    .acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"], authority: `${emulator.url}/${CONTOSO}` })
    .then((r) => r!.accessToken);
const organization = (accessToken: string) => fetch(`${emulator.url}/v1.0/organization`, { headers: { authorization: `Bearer ${accessToken}` } });
const tokenError = () => token().then(() => undefined, (e: unknown) => e as { errorCode: string; errorMessage: string });

describe("consent revoked (the app's service principal deleted)", () => {
  it("refuses the next client-credentials token like Entra (AADSTS7000229); an issued token keeps working, as in Graph", async () => {
    const issued = await token();
    const revoked = await control("POST", `/tenants/contoso.com/revoke-consent`, { appId: APP_ID });
    expect(revoked).toEqual({ status: 200, body: { tenantId: CONTOSO, revoked: [APP_ID], revokeIssuedTokens: false } });
    const error = await tokenError();
    expect(error?.errorCode).toBe("invalid_client");
    expect(error?.errorMessage).toContain(`AADSTS7000229: The client application ${APP_ID} is missing service principal in the tenant ${CONTOSO}`);
    expect((await organization(issued)).status).toBe(200);
    expect(((await control("GET", `/state/${CONTOSO}`)).body.consentedApps as string[])).toEqual([]);
  });

  it("with revokeIssuedTokens, Graph refuses the tokens already issued (401); a new consent works again", async () => {
    const issued = await token();
    expect((await control("POST", `/tenants/${CONTOSO}/revoke-consent`, { revokeIssuedTokens: true })).body.revoked).toEqual([APP_ID]);
    const refused = await organization(issued);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationToken");
    emulator.world.grantConsent(CONTOSO, APP_ID);
    expect((await organization(await token())).status).toBe(200);
    expect((await organization(issued)).status).toBe(401);
  });

  it("answers 404 for an app without a service principal there, and validates the body", async () => {
    await control("POST", `/tenants/${CONTOSO}/revoke-consent`, {});
    expect((await control("POST", `/tenants/${CONTOSO}/revoke-consent`, { appId: APP_ID })).status).toBe(404);
    expect((await control("POST", `/tenants/${CONTOSO}/revoke-consent`, {})).body.revoked).toEqual([]);
    expect((await control("POST", `/tenants/${CONTOSO}/revoke-consent`, { revoke: true })).status).toBe(400);
    expect((await control("POST", "/tenants/nowhere.example/revoke-consent", {})).status).toBe(404);
  });
});
