import { Auth, type AuthConfig } from "@auth/core";
import MicrosoftEntraID from "@auth/core/providers/microsoft-entra-id";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server.ts";
import { APP_ID, APP_SECRET, Browser, MSSP_TENANT, PASSWORD, interactionId, startDemoEmulator } from "./test-helpers.ts";

const APP = "http://localhost:3000";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startDemoEmulator();
});
afterAll(() => emulator.close());

/** Cookies of the Gatehouse origin, as a browser would keep them between Auth.js requests. */
class AppCookies {
  readonly jar = new Map<string, string>();
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  store(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
}

describe("Auth.js (next-auth v5 core) against the emulator", () => {
  it("signs in with the unmodified Microsoft Entra ID provider through the common issuer", async () => {
    const captured: Record<string, unknown>[] = [];
    const config: AuthConfig = {
      basePath: "/api/auth",
      secret: "test-secret-test-secret-test-secret-1234",
      trustHost: true,
      providers: [
        MicrosoftEntraID({
          clientId: APP_ID,
          clientSecret: APP_SECRET,
          issuer: `${emulator.url}/common/v2.0`,
          // The built-in profile() fetches a photo from graph.microsoft.com; Gatehouse overrides it.
          profile: (profile) => ({ id: profile.sub, name: profile.name, email: profile.email }),
        }),
      ],
      callbacks: {
        jwt({ token, profile }) {
          if (profile) captured.push(profile as Record<string, unknown>);
          return token;
        },
      },
    };
    // Tests move the World clock by months to expire access; sign-in must still pass Auth.js's own clock checks.
    emulator.world.advanceClock(400 * 86_400_000);
    const cookies = new AppCookies();
    const auth = async (path: string, init: RequestInit = {}) => {
      const response = await Auth(new Request(`${APP}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies.header() } }), config);
      cookies.store(response);
      return response;
    };

    const { csrfToken } = (await (await auth("/api/auth/csrf")).json()) as { csrfToken: string };
    const start = await auth("/api/auth/signin/microsoft-entra-id", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/dashboard` }).toString(),
    });
    expect(start.status).toBe(302);
    const authorize = start.headers.get("location")!;
    expect(authorize.startsWith(`${emulator.url}/common/oauth2/v2.0/authorize?`)).toBe(true);

    const browser = new Browser();
    const page = await browser.fetch(authorize);
    const signedIn = await browser.postForm(`${emulator.url}/common/oauth2/v2.0/authorize`, { interaction: interactionId(await page.text()), username: "approver@northwinddefense.com", password: PASSWORD, action: "signin" });
    const callback = new URL(signedIn.headers.get("location")!);
    expect(callback.pathname).toBe("/api/auth/callback/microsoft-entra-id");

    const done = await auth(`${callback.pathname}${callback.search}`);
    expect(done.headers.get("location")).toBe(`${APP}/dashboard`);
    expect([...cookies.jar.keys()]).toContain("authjs.session-token");
    expect(captured[0]).toMatchObject({ tid: MSSP_TENANT, iss: `${emulator.url}/${MSSP_TENANT}/v2.0`, preferred_username: "approver@northwinddefense.com", roles: ["Gatehouse.Approver"] });
  });
});
