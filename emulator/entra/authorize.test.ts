import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, authorizeUrl, Browser, CONTOSO, MSSP_TENANT, pkcePair, redeemCode, SIGN_IN_REDIRECT, signIn, startDemoEmulator } from "./test-helpers.ts";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startDemoEmulator();
});
afterAll(() => emulator.close());

function codeFrom(response: Response): { code: string; state: string | null } {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(SIGN_IN_REDIRECT);
  return { code: location.searchParams.get("code")!, state: location.searchParams.get("state") };
}

describe("authorize: requests Entra refuses before redirecting", () => {
  it("shows an error page for an unknown client, and never redirects", async () => {
    const response = await fetch(authorizeUrl(emulator.url, "common", { client_id: "00000000-0000-0000-0000-000000000001" }), { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("AADSTS700016: Application with identifier &#39;00000000-0000-0000-0000-000000000001&#39; was not found");
  });

  it("shows an error page for an unregistered redirect URI", async () => {
    const response = await fetch(authorizeUrl(emulator.url, "common", { redirect_uri: "https://evil.example/callback" }), { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("AADSTS50011");
  });

  it("redirects other request errors back to the client with state", async () => {
    const response = await fetch(authorizeUrl(emulator.url, "common", { response_type: "token", state: "s1" }), { redirect: "manual" });
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("unsupported_response_type");
    expect(location.searchParams.get("state")).toBe("s1");
  });
});

describe("sign-in and code exchange", () => {
  it("signs in through the form and exchanges the code with PKCE (S256) for ID and Graph tokens", async () => {
    const browser = new Browser();
    const { challenge } = pkcePair();
    const page = await browser.fetch(authorizeUrl(emulator.url, "common", { state: "st-1", nonce: "n-1", code_challenge: challenge, code_challenge_method: "S256" }));
    const html = await page.text();
    expect(html).toContain("Local Microsoft Entra ID emulator");
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);

    const { code, state } = codeFrom(await signIn(browser, authorizeUrl(emulator.url, "common", { state: "st-1", nonce: "n-1", code_challenge: challenge, code_challenge_method: "S256" }), "alex@northwinddefense.com"));
    expect(state).toBe("st-1");
    const wrongVerifier = await redeemCode(emulator.url, "common", { code, code_verifier: pkcePair().verifier });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: "invalid_grant", error_codes: [50148] });

    // A fresh sign-in with a matching pair succeeds.
    const second = pkcePair();
    const again = codeFrom(await signIn(browser, authorizeUrl(emulator.url, "common", { nonce: "n-2", code_challenge: second.challenge, code_challenge_method: "S256" }), "alex@northwinddefense.com"));
    const response = await redeemCode(emulator.url, "common", { code: again.code, code_verifier: second.verifier });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as Record<string, string>;
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });
    expect(tokens.refresh_token).toBeUndefined();
    const alex = emulator.world.findUserByUpn("alex@northwinddefense.com")!.user;
    const id = decodeJwt(tokens.id_token!);
    expect(id).toMatchObject({ aud: APP_ID, iss: `${emulator.url}/${MSSP_TENANT}/v2.0`, tid: MSSP_TENANT, oid: alex.id, name: "Alex Analyst", preferred_username: "alex@northwinddefense.com", email: "alex@northwinddefense.com", roles: ["Gatehouse.Analyst"], nonce: "n-2", ver: "2.0" });
    const access = decodeJwt(tokens.access_token!);
    expect(access).toMatchObject({ aud: "https://graph.microsoft.com", tid: MSSP_TENANT, oid: alex.id, idtyp: "user" });
    expect(String(access.scp).split(" ")).toContain("User.Read");

    const userinfo = await fetch(`${emulator.url}/oidc/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).toMatchObject({ sub: id.sub, name: "Alex Analyst", email: "alex@northwinddefense.com" });
  });

  it("omits the roles claim for a user without app roles, and issues a refresh token for offline_access that stays valid after use", async () => {
    const browser = new Browser();
    const { code } = codeFrom(await signIn(browser, authorizeUrl(emulator.url, "organizations", { scope: "openid profile email offline_access User.Read" }), "nora@northwinddefense.com"));
    const tokens = (await (await redeemCode(emulator.url, "organizations", { code })).json()) as Record<string, string>;
    expect(decodeJwt(tokens.id_token!).roles).toBeUndefined();
    const refreshed = await redeemCode(emulator.url, "organizations", { grant_type: "refresh_token", refresh_token: tokens.refresh_token!, code: "" });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as Record<string, string>).refresh_token).not.toBe(tokens.refresh_token);
    // Entra hands out a new refresh token on each use but does not revoke the one redeemed.
    const reused = await redeemCode(emulator.url, "organizations", { grant_type: "refresh_token", refresh_token: tokens.refresh_token!, code: "" });
    expect(reused.status).toBe(200);
  });

  it("refuses a code twice (AADSTS54005), with another redirect URI, or with a wrong secret", async () => {
    const browser = new Browser();
    const { code } = codeFrom(await signIn(browser, authorizeUrl(emulator.url, "common", {}), "bailey@northwinddefense.com"));
    const wrongSecret = await redeemCode(emulator.url, "common", { code, client_secret: "not-the-secret" });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    const wrongRedirect = await redeemCode(emulator.url, "common", { code, redirect_uri: "http://localhost:3000/api/consent/callback" });
    expect(await wrongRedirect.json()).toMatchObject({ error: "invalid_grant" });
    const { code: fresh } = codeFrom(await signIn(browser, authorizeUrl(emulator.url, "common", {}), "bailey@northwinddefense.com"));
    expect((await redeemCode(emulator.url, "common", { code: fresh })).status).toBe(200);
    const reused = await redeemCode(emulator.url, "common", { code: fresh });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("accepts client_secret_basic with form-encoded credentials, as oauth4webapi sends them", async () => {
    const browser = new Browser();
    const { code } = codeFrom(await signIn(browser, authorizeUrl(emulator.url, "common", {}), "casey@northwinddefense.com"));
    const basic = Buffer.from(`${encodeURIComponent(APP_ID)}:${encodeURIComponent("gatehouse-demo-client-secret")}`).toString("base64");
    const response = await fetch(`${emulator.url}/common/oauth2/v2.0/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: SIGN_IN_REDIRECT }),
    });
    expect(response.status).toBe(200);
  });

  it("shows the page again on a bad password (AADSTS50126)", async () => {
    const response = await signIn(new Browser(), authorizeUrl(emulator.url, "common", {}), "alex@northwinddefense.com", "wrong");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("AADSTS50126");
  });

  it("refuses a user of another tenant at a concrete tenant (AADSTS50020), but lets their guest account in", async () => {
    const browser = new Browser();
    const refused = await signIn(browser, authorizeUrl(emulator.url, CONTOSO, {}), "alex@northwinddefense.com");
    expect(await refused.text()).toContain("AADSTS50020");

    const alex = emulator.world.findUserByUpn("alex@northwinddefense.com")!.user;
    const guest = emulator.world.addGuestUser(CONTOSO, { tenantId: MSSP_TENANT, userId: alex.id });
    const { code } = codeFrom(await signIn(browser, authorizeUrl(emulator.url, "contoso.com", {}), "alex@northwinddefense.com"));
    const tokens = (await (await redeemCode(emulator.url, CONTOSO, { code })).json()) as Record<string, string>;
    expect(decodeJwt(tokens.id_token!)).toMatchObject({ tid: CONTOSO, oid: guest.id, iss: `${emulator.url}/${CONTOSO}/v2.0`, preferred_username: "alex@northwinddefense.com" });
  });

  it("returns the code by form_post, redirects an OAuth error when the user cancels, and supports prompt=none", async () => {
    const browser = new Browser();
    const posted = await signIn(browser, authorizeUrl(emulator.url, "common", { response_mode: "form_post", state: "fp" }), "alex@northwinddefense.com");
    const html = await posted.text();
    expect(html).toContain(`action="${SIGN_IN_REDIRECT}"`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toContain('name="state" value="fp"');

    const silent = await browser.fetch(authorizeUrl(emulator.url, "common", { prompt: "none" }));
    expect(new URL(silent.headers.get("location")!).searchParams.get("code")).toBeTruthy();
    const stranger = await new Browser().fetch(authorizeUrl(emulator.url, "common", { prompt: "none", state: "x" }));
    expect(new URL(stranger.headers.get("location")!).searchParams.get("error")).toBe("login_required");

    const page = await browser.fetch(authorizeUrl(emulator.url, "common", { state: "c1" }));
    const id = /name="interaction" value="([^"]+)"/.exec(await page.text())![1]!;
    const canceled = await browser.postForm(`${emulator.url}/common/oauth2/v2.0/authorize`, { interaction: id, action: "cancel" });
    const location = new URL(canceled.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("c1");
  });

  it("logs out and returns only to a registered origin", async () => {
    const ok = await fetch(`${emulator.url}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/")}`, { redirect: "manual" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("http://localhost:3000/");
    const evil = await fetch(`${emulator.url}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`, { redirect: "manual" });
    expect(evil.status).toBe(200);
    expect(await evil.text()).toContain("You signed out");
  });
});
