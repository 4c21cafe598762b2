// Refresh-token redemption re-evaluates the account, as Entra does: current app roles in the new
// ID token, a disabled account refused (AADSTS50057), revoked sign-in sessions refused
// (AADSTS50173). The control API changes the account the way an Entra admin would.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { authorizeUrl, Browser, interactionId, MSSP_TENANT, PASSWORD, redeemCode, signIn, startDemoEmulator } from "./test-helpers.ts";

const ALEX = "alex@northwinddefense.com";
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startDemoEmulator({ control: true });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.world.reset());

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function signInWithRefresh(username: string): Promise<string> {
  const response = await signIn(new Browser(), authorizeUrl(emulator.url, MSSP_TENANT, { scope: "openid profile email offline_access" }), username);
  const code = new URL(response.headers.get("location")!).searchParams.get("code")!;
  const tokens = (await (await redeemCode(emulator.url, MSSP_TENANT, { code })).json()) as Record<string, string>;
  expect(tokens.refresh_token).toBeTruthy();
  return tokens.refresh_token!;
}

async function refresh(refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await redeemCode(emulator.url, MSSP_TENANT, { grant_type: "refresh_token", refresh_token: refreshToken, scope: "openid profile email offline_access", code: "" });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("refresh_token grant", () => {
  it("carries the app roles the user holds now", async () => {
    const token = await signInWithRefresh(ALEX);
    expect(decodeJwt((await refresh(token)).body.id_token as string).roles).toEqual(["Gatehouse.Analyst"]);

    const patched = await control("PATCH", `/users/${ALEX}`, { appRoles: [] });
    expect(patched).toMatchObject({ status: 200, body: { userPrincipalName: ALEX, appRoles: [], accountEnabled: true } });
    const withoutRole = await refresh(token);
    expect(withoutRole.status).toBe(200);
    expect(decodeJwt(withoutRole.body.id_token as string).roles).toBeUndefined();

    await control("PATCH", `/users/${ALEX}`, { appRoles: ["Gatehouse.Admin", "Not.Defined.By.The.App"] });
    expect(decodeJwt((await refresh(token)).body.id_token as string).roles).toEqual(["Gatehouse.Admin"]);
  });

  it("refuses a disabled account with AADSTS50057, at the token endpoint and at sign-in", async () => {
    const token = await signInWithRefresh(ALEX);
    expect((await control("PATCH", `/users/${ALEX}`, { accountEnabled: false })).body.accountEnabled).toBe(false);
    const refused = await refresh(token);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_grant", error_codes: [50057] });
    expect(refused.body.error_description).toMatch(/^AADSTS50057: The user account is disabled\./);

    const browser = new Browser();
    const url = authorizeUrl(emulator.url, MSSP_TENANT, {});
    const page = await browser.fetch(url);
    const form = await browser.postForm(`${emulator.url}/${MSSP_TENANT}/oauth2/v2.0/authorize`, { interaction: interactionId(await page.text()), username: ALEX, password: PASSWORD, action: "signin" });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("AADSTS50057");

    await control("PATCH", `/users/${ALEX}`, { accountEnabled: true });
    expect((await refresh(token)).status).toBe(200);
  });

  it("refuses refresh tokens issued before revokeSignInSessions with AADSTS50173, not later ones", async () => {
    const before = await signInWithRefresh(ALEX);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const revoked = await control("POST", `/users/${ALEX}/revoke-sign-in-sessions`);
    expect(revoked.body.signInSessionsValidFromDateTime).toEqual(expect.any(String));
    const refused = await refresh(before);
    expect(refused).toMatchObject({ status: 400, body: { error: "invalid_grant", error_codes: [50173] } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await refresh(await signInWithRefresh(ALEX))).status).toBe(200);
  });

  it("returns to the seed on reset", async () => {
    await control("PATCH", `/users/${ALEX}`, { accountEnabled: false, appRoles: [] });
    await control("POST", "/reset");
    expect((await refresh(await signInWithRefresh(ALEX))).status).toBe(200);
  });
});

describe("control API for users", () => {
  it("answers 404 for an unknown user and 400 for an invalid body", async () => {
    expect((await control("PATCH", "/users/nobody@northwinddefense.com", { accountEnabled: false })).status).toBe(404);
    expect((await control("PATCH", `/users/${ALEX}`, { accountEnabled: "no" })).status).toBe(400);
    expect((await control("PATCH", `/users/${ALEX}`, { roles: [] })).status).toBe(400);
    expect((await control("GET", `/users/${ALEX}`)).status).toBe(404);
  });

  it("finds a user by object id as well as by UPN", async () => {
    const alex = emulator.world.findUserByUpn(ALEX)!.user;
    expect((await control("PATCH", `/users/${alex.id}`, { appRoles: ["Gatehouse.Approver"] })).body).toMatchObject({ id: alex.id, appRoles: ["Gatehouse.Approver"] });
  });
});

describe("refresh tokens and the World clock", () => {
  it("stay valid when the clock moves forward a year (they live in real time, like access tokens)", async () => {
    const token = await signInWithRefresh(ALEX);
    await control("POST", "/clock/advance", { days: 365 });
    expect((await refresh(token)).status).toBe(200);
  });
});
