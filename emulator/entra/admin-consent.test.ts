import { chromium, type Browser as Chromium, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, APP_SECRET, CONSENT_REDIRECT, CONTOSO, PASSWORD, startDemoEmulator } from "./test-helpers.ts";

let emulator: RunningEmulator;
let browser: Chromium;

beforeAll(async () => {
  [emulator, browser] = await Promise.all([
    startDemoEmulator(),
    chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

function consentUrl(tenant: string, state: string): string {
  const url = new URL(`${emulator.url}/${tenant}/v2.0/adminconsent`);
  url.searchParams.set("client_id", APP_ID);
  url.searchParams.set("redirect_uri", CONSENT_REDIRECT);
  url.searchParams.set("scope", "https://graph.microsoft.com/.default");
  url.searchParams.set("state", state);
  return url.toString();
}

/** A fresh browser whose requests to the (absent) Gatehouse app are answered by the test, recording the callback URL. */
async function openPage(): Promise<{ page: Page; callback: Promise<URL> }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  let resolveCallback!: (url: URL) => void;
  const callback = new Promise<URL>((resolve) => (resolveCallback = resolve));
  await context.route("http://localhost:3000/**", async (route) => {
    resolveCallback(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: "text/plain", body: "callback received" });
  });
  return { page, callback };
}

async function signInAs(page: Page, username: string): Promise<void> {
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function clientCredentials(tenant: string): Promise<Response> {
  return fetch(`${emulator.url}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: APP_ID, client_secret: APP_SECRET, scope: "https://graph.microsoft.com/.default" }),
  });
}

describe("admin consent in Chromium", () => {
  it("Accept grants consent: the redirect carries admin_consent=True and the tenant GUID, then client credentials work", async () => {
    expect((await clientCredentials(CONTOSO)).status).toBe(400);
    const { page, callback } = await openPage();
    await page.goto(consentUrl("contoso.com", "invite-123"));
    await signInAs(page, "admin@contoso.com");
    await expect.poll(() => page.getByRole("heading", { name: "Permissions requested" }).isVisible()).toBe(true);
    const text = await page.textContent("body");
    expect(text).toContain("Gatehouse");
    expect(text).toContain("Northwind Defense");
    expect(text).toContain("EntitlementManagement.ReadWrite.All");
    await page.getByRole("button", { name: "Accept", exact: true }).click();

    const url = await callback;
    expect(`${url.origin}${url.pathname}`).toBe(CONSENT_REDIRECT);
    expect(url.searchParams.get("admin_consent")).toBe("True");
    expect(url.searchParams.get("tenant")).toBe(CONTOSO);
    expect(url.searchParams.get("state")).toBe("invite-123");
    expect(url.searchParams.get("scope")?.split(" ")).toContain("https://graph.microsoft.com/EntitlementManagement.ReadWrite.All");
    expect(url.searchParams.get("error")).toBeNull();
    expect((await clientCredentials(CONTOSO)).status).toBe(200);
    await page.context().close();
  });

  it("Cancel redirects with error=access_denied and the state", async () => {
    const { page, callback } = await openPage();
    await page.goto(consentUrl("f751f8f2-154d-4e76-acbb-2dba45769137", "s-cancel"));
    await signInAs(page, "admin@contoso.com");
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    const url = await callback;
    expect(url.searchParams.get("error")).toBe("access_denied");
    expect(url.searchParams.get("error_description")).toMatch(/^AADSTS65004: User declined to consent/);
    expect(url.searchParams.get("admin_consent")).toBe("True");
    expect(url.searchParams.get("state")).toBe("s-cancel");
    await page.context().close();
  });

  it("a non-admin gets the admin-required error redirect, and nothing is granted", async () => {
    const { page, callback } = await openPage();
    await page.goto(consentUrl("tailspintoys.com", "s-user"));
    await signInAs(page, "user@tailspintoys.com");
    const url = await callback;
    expect(url.searchParams.get("error")).toBe("consent_required");
    expect(url.searchParams.get("error_description")).toMatch(/^AADSTS90094/);
    expect(url.searchParams.get("state")).toBe("s-user");
    expect((await clientCredentials("tailspintoys.com")).status).toBe(400);
    await page.context().close();
  });

  it("an admin of another tenant is told the account does not exist there", async () => {
    const { page } = await openPage();
    await page.goto(consentUrl("fabrikam.com", "s-other"));
    await signInAs(page, "admin@contoso.com");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("AADSTS50020");
    await page.context().close();
  });

  it("shows an error page, and does not redirect, for an unregistered redirect URI", async () => {
    const { page } = await openPage();
    const url = new URL(consentUrl("contoso.com", "x"));
    url.searchParams.set("redirect_uri", "https://evil.example/cb");
    const response = await page.goto(url.toString());
    expect(response?.status()).toBe(400);
    expect(page.url()).toContain(emulator.url);
    expect(await page.getByRole("alert").textContent()).toContain("AADSTS50011");
    await page.context().close();
  });
});
