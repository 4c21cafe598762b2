// Directory roles in ID tokens (`wids`), as Entra issues them: only for an app whose manifest
// sets groupMembershipClaims to DirectoryRole or All; and the admin-consent step reusing the
// browser's session, so an admin who just signed in goes straight to the consent prompt.
import { decodeJwt } from "jose";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../server.ts";
import type { Seed } from "../store/seed.ts";
import { APP_ID, authorizeUrl, Browser, CONSENT_REDIRECT, CONTOSO, interactionId, redeemCode, signIn, startDemoEmulator } from "./test-helpers.ts";

const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const USER_TEMPLATE = "b79fbf4d-3ef9-4689-8143-76b194e85509";

let emulator: RunningEmulator;
let withoutClaims: RunningEmulator;
beforeAll(async () => {
  const seed = JSON.parse(readFileSync("emulator/seed/demo.json", "utf8")) as Seed;
  seed.applications[0]!.groupMembershipClaims = "None";
  [emulator, withoutClaims] = await Promise.all([startDemoEmulator(), startEmulator({ seed, port: 0, quiet: true })]);
});
afterAll(async () => {
  await Promise.all([emulator.close(), withoutClaims.close()]);
});

async function idTokenFor(target: RunningEmulator, username: string, browser = new Browser()): Promise<Record<string, unknown>> {
  const response = await signIn(browser, authorizeUrl(target.url, CONTOSO, { scope: "openid profile", nonce: "n-1" }), username);
  const code = new URL(response.headers.get("location")!).searchParams.get("code")!;
  const tokens = (await (await redeemCode(target.url, CONTOSO, { code, scope: "openid profile" })).json()) as { id_token: string };
  return decodeJwt(tokens.id_token);
}

describe("wids in ID tokens", () => {
  it("lists a Global Administrator's role template and the member template, with the nonce", async () => {
    const claims = await idTokenFor(emulator, "admin@contoso.com");
    expect(claims.wids).toEqual([GLOBAL_ADMIN, USER_TEMPLATE]);
    expect(claims).toMatchObject({ nonce: "n-1", tid: CONTOSO, aud: APP_ID, preferred_username: "admin@contoso.com" });
  });

  it("lists only the member template for a user without directory roles", async () => {
    expect((await idTokenFor(emulator, "user@contoso.com")).wids).toEqual([USER_TEMPLATE]);
  });

  it("omits wids when the manifest does not ask for directory roles", async () => {
    expect(await idTokenFor(withoutClaims, "admin@contoso.com")).not.toHaveProperty("wids");
  });
});

describe("admin consent after a sign-in in the same browser", () => {
  function consentUrl(extra: Record<string, string> = {}): string {
    const url = new URL(`${emulator.url}/${CONTOSO}/v2.0/adminconsent`);
    for (const [k, v] of Object.entries({ client_id: APP_ID, redirect_uri: CONSENT_REDIRECT, scope: "https://graph.microsoft.com/.default", state: "s", ...extra })) url.searchParams.set(k, v);
    return url.toString();
  }

  it("goes straight to the consent prompt for the signed-in admin", async () => {
    const browser = new Browser();
    await idTokenFor(emulator, "admin@contoso.com", browser);
    const page = await (await browser.fetch(consentUrl())).text();
    expect(page).toContain('value="accept"');
    expect(page).toContain("admin@contoso.com");
  });

  it("asks for the password again with prompt=login, and in a browser without a session", async () => {
    const browser = new Browser();
    await idTokenFor(emulator, "admin@contoso.com", browser);
    expect(await (await browser.fetch(consentUrl({ prompt: "login" }))).text()).toContain('name="password"');
    const fresh = await (await new Browser().fetch(consentUrl())).text();
    expect(fresh).toContain('name="password"');
    expect(interactionId(fresh)).toBeTruthy();
  });

  it("sends a signed-in user without an admin role back with AADSTS90094", async () => {
    const browser = new Browser();
    await idTokenFor(emulator, "user@contoso.com", browser);
    const response = await browser.fetch(consentUrl());
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("consent_required");
    expect(back.searchParams.get("error_description")).toMatch(/^AADSTS90094/);
  });
});
