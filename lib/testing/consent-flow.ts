// Drives the customer admin's side of the consent flow against the emulator over HTTP, as one
// browser would (a cookie jar, no automatic redirects), calling Gatehouse's handlers directly.
import { expect } from "vitest";
import { Browser, interactionId, signIn } from "../../emulator/entra/test-helpers.ts";
import type { handleConsentCallback } from "@/lib/onboarding/consent-callback";
import type { handleAdminSignIn, SignInResult } from "@/lib/onboarding/consent-sign-in";
import type { beginConsent } from "@/lib/onboarding/consent-start";

export interface ConsentHandlers {
  beginConsent: typeof beginConsent;
  handleAdminSignIn: typeof handleAdminSignIn;
  handleConsentCallback: typeof handleConsentCallback;
}

export interface AdminTab {
  browser: Browser;
  /** the authorize URL Gatehouse sent the browser to */
  authorizeUrl: URL;
  codeVerifier: string;
}

/** The admin pressed "Grant consent" on the link's page. */
export async function pressGrant(app: ConsentHandlers, token: string, browser = new Browser()): Promise<AdminTab> {
  const start = await app.beginConsent(token);
  if (!start.ok) throw new Error(`consent did not start: ${start.reason}`);
  return { browser, authorizeUrl: new URL(start.url), codeVerifier: start.codeVerifier };
}

/** Signs in at the emulator; returns the query Gatehouse's /api/consent/signed-in receives. */
export async function signInAt(tab: AdminTab, username: string): Promise<Record<string, string>> {
  const response = await signIn(tab.browser, tab.authorizeUrl.toString(), username);
  expect(response.status, await response.clone().text()).toBe(302);
  const back = new URL(response.headers.get("location")!);
  expect(back.pathname).toBe("/api/consent/signed-in");
  return Object.fromEntries(back.searchParams);
}

export async function finishSignIn(app: ConsentHandlers, tab: AdminTab, query: Record<string, string>, verifier: string | undefined = tab.codeVerifier): Promise<SignInResult> {
  return app.handleAdminSignIn({ code: query.code, state: query.state, error: query.error, errorDescription: query.error_description }, verifier);
}

/** At the admin-consent page (the emulator session carries the sign-in): Accept or Cancel. */
export async function answerConsent(tab: AdminTab, consentUrl: string, action: "accept" | "cancel"): Promise<Record<string, string>> {
  const page = await tab.browser.fetch(consentUrl);
  const html = await page.text();
  expect(page.status, html.slice(0, 300)).toBe(200);
  const url = new URL(consentUrl);
  const answer = await tab.browser.postForm(url.origin + url.pathname, { interaction: interactionId(html), action });
  expect(answer.status).toBe(302);
  const back = new URL(answer.headers.get("location")!);
  expect(back.pathname).toBe("/api/consent/callback");
  return Object.fromEntries(back.searchParams);
}

export function callbackParams(query: Record<string, string>) {
  return { state: query.state, tenant: query.tenant, scope: query.scope, error: query.error, errorDescription: query.error_description };
}

/** The whole happy path up to Microsoft's callback; returns its query. */
export async function consentAsAdmin(app: ConsentHandlers, token: string, username: string): Promise<{ tab: AdminTab; callback: Record<string, string> }> {
  const tab = await pressGrant(app, token);
  const signedIn = await finishSignIn(app, tab, await signInAt(tab, username));
  if (signedIn.next !== "consent") throw new Error(`sign-in ended in ${signedIn.result.outcome}`);
  return { tab, callback: await answerConsent(tab, signedIn.url, "accept") };
}
