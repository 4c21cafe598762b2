import { createHash, randomBytes } from "node:crypto";
import { startEmulator, type RunningEmulator } from "../server.ts";

export const MSSP_TENANT = "74361f78-e191-4c87-ac08-85e9f5f72879";
export const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
export const FABRIKAM = "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7";
export const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
export const APP_SECRET = "gatehouse-demo-client-secret";
export const PASSWORD = "Gatehouse-demo-1";
export const SIGN_IN_REDIRECT = "http://localhost:3000/api/auth/callback/microsoft-entra-id";
export const CONSENT_REDIRECT = "http://localhost:3000/api/consent/callback";

/** The demo world on a free port, with the shared `.data/emulator` certificates the test workers trust. */
export function startDemoEmulator(options: { control?: boolean } = {}): Promise<RunningEmulator> {
  return startEmulator({ seed: "emulator/seed/demo.json", port: 0, quiet: true, ...options });
}

/** fetch with a cookie jar and no automatic redirects, like one browser tab. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  postForm(url: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  }
}

export function interactionId(html: string): string {
  const match = /name="interaction" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`No interaction id in page:\n${html.slice(0, 500)}`);
  return match[1];
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizeUrl(base: string, tenant: string, params: Record<string, string>): string {
  const url = new URL(`${base}/${tenant}/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries({ client_id: APP_ID, response_type: "code", redirect_uri: SIGN_IN_REDIRECT, scope: "openid profile email User.Read", ...params })) url.searchParams.set(k, v);
  return url.toString();
}

/** Opens the authorize URL, submits the sign-in form, and returns the final response (a 302 on success). */
export async function signIn(browser: Browser, url: string, username: string, password = PASSWORD): Promise<Response> {
  const page = await browser.fetch(url);
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
  const id = interactionId(await page.text());
  return browser.postForm(new URL(url).origin + new URL(url).pathname, { interaction: id, username, password, action: "signin" });
}

export async function redeemCode(base: string, tenant: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, grant_type: "authorization_code", redirect_uri: SIGN_IN_REDIRECT, ...fields }).toString(),
  });
}
