// The admin consent page driven over plain HTTP, as a browser would submit its forms: `npm test`
// needs no browser. The same flow runs in Chromium in the e2e suite (e2e/onboarding.spec.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, APP_SECRET, Browser, CONSENT_REDIRECT, CONTOSO, PASSWORD, interactionId, startDemoEmulator } from "./test-helpers.ts";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startDemoEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

function consentUrl(tenant: string, state: string, redirectUri = CONSENT_REDIRECT): string {
  const url = new URL(`${emulator.url}/${tenant}/v2.0/adminconsent`);
  url.searchParams.set("client_id", APP_ID);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", "https://graph.microsoft.com/.default");
  url.searchParams.set("state", state);
  return url.toString();
}

/** Opens the consent URL and submits the sign-in form as `username`; returns the form's target and the answer. */
async function signInAs(browser: Browser, url: string, username: string): Promise<{ action: string; response: Response }> {
  const page = await browser.fetch(url);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toMatch(/<label for="username">Username<\/label>/);
  const action = new URL(url).origin + new URL(url).pathname;
  const response = await browser.postForm(action, { interaction: interactionId(html), username, password: PASSWORD, action: "signin" });
  return { action, response };
}

/** The redirect back to the (absent) Gatehouse app, as the browser would follow it. */
function callbackOf(response: Response): URL {
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

async function clientCredentials(tenant: string): Promise<Response> {
  return fetch(`${emulator.url}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: APP_ID, client_secret: APP_SECRET, scope: "https://graph.microsoft.com/.default" }),
  });
}

describe("admin consent page over HTTP", () => {
  it("Accept grants consent: the redirect carries admin_consent=True and the tenant GUID, then client credentials work", async () => {
    expect((await clientCredentials(CONTOSO)).status).toBe(400);
    const browser = new Browser();
    const { action, response } = await signInAs(browser, consentUrl("contoso.com", "invite-123"), "admin@contoso.com");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("<h1>Permissions requested</h1>");
    expect(text).toContain("Gatehouse");
    expect(text).toContain("Northwind Defense");
    expect(text).toContain("EntitlementManagement.ReadWrite.All");
    expect(text).toMatch(/<button type="submit" name="action" value="accept"[^>]*>Accept<\/button>/);

    const url = callbackOf(await browser.postForm(action, { interaction: interactionId(text), action: "accept" }));
    expect(`${url.origin}${url.pathname}`).toBe(CONSENT_REDIRECT);
    expect(url.searchParams.get("admin_consent")).toBe("True");
    expect(url.searchParams.get("tenant")).toBe(CONTOSO);
    expect(url.searchParams.get("state")).toBe("invite-123");
    expect(url.searchParams.get("scope")?.split(" ")).toContain("https://graph.microsoft.com/EntitlementManagement.ReadWrite.All");
    expect(url.searchParams.get("error")).toBeNull();
    expect((await clientCredentials(CONTOSO)).status).toBe(200);
  });

  it("Cancel redirects with error=access_denied and the state, and grants nothing", async () => {
    const browser = new Browser();
    const { action, response } = await signInAs(browser, consentUrl("fabrikam.com", "s-cancel"), "admin@fabrikam.com");
    const html = await response.text();
    expect(html).toContain("<h1>Permissions requested</h1>");
    const url = callbackOf(await browser.postForm(action, { interaction: interactionId(html), action: "cancel" }));
    expect(url.searchParams.get("error")).toBe("access_denied");
    expect(url.searchParams.get("error_description")).toMatch(/^AADSTS65004: User declined to consent/);
    expect(url.searchParams.get("admin_consent")).toBe("True");
    expect(url.searchParams.get("state")).toBe("s-cancel");
    expect((await clientCredentials("fabrikam.com")).status).toBe(400);
  });

  it("a non-admin gets the admin-required error redirect, and nothing is granted", async () => {
    const { response } = await signInAs(new Browser(), consentUrl("tailspintoys.com", "s-user"), "user@tailspintoys.com");
    const url = callbackOf(response);
    expect(url.searchParams.get("error")).toBe("consent_required");
    expect(url.searchParams.get("error_description")).toMatch(/^AADSTS90094/);
    expect(url.searchParams.get("state")).toBe("s-user");
    expect((await clientCredentials("tailspintoys.com")).status).toBe(400);
  });

  it("an admin of another tenant is told the account does not exist there", async () => {
    const { response } = await signInAs(new Browser(), consentUrl("fabrikam.com", "s-other"), "admin@contoso.com");
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/role="alert"[^>]*>[\s\S]*AADSTS50020/);
  });

  it("shows an error page, and does not redirect, for an unregistered redirect URI", async () => {
    const response = await new Browser().fetch(consentUrl("contoso.com", "x", "https://evil.example/cb"));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toMatch(/role="alert"[^>]*>[\s\S]*AADSTS50011/);
  });
});
