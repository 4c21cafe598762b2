// Security headers on every route kind, and the consent rate limit, against the built app.
import { randomBytes } from "node:crypto";
import { storageStateFor } from "./support/accounts";
import { expect, test } from "./support/fixtures";

type WithHeaders = { headers(): Record<string, string> };

function expectBaseHeaders(response: WithHeaders, referrer = "strict-origin-when-cross-origin") {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe(referrer);
  // AUTH_URL is http:// in e2e: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

function expectCsp(response: WithHeaders): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic';/);
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  return nonce!;
}

const token = () => randomBytes(32).toString("base64url");

test.describe("security headers", () => {
  test("public pages, route handlers, redirects and 404s", async ({ request }) => {
    const noRedirect = { maxRedirects: 0 };
    const cases: [string, number, string?][] = [
      ["/", 200],
      ["/sign-in", 200],
      [`/consent/${token()}`, 200, "no-referrer"],
      ["/consent/result?outcome=denied", 200, "no-referrer"],
      ["/api/health", 200],
      ["/api/auth/providers", 200],
      ["/api/consent/callback?state=forged", 303, "no-referrer"],
      ["/dashboard", 307],
      ["/no-such-page", 404],
    ];
    for (const [path, status, referrer] of cases) {
      const response = await request.get(path, noRedirect);
      expect(response.status(), path).toBe(status);
      expectBaseHeaders(response, referrer);
      expectCsp(response);
    }
  });

  test("pages carry a fresh nonce on their scripts; static assets get the base headers", async ({ request }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    const nonce = expectCsp(first);
    expect(expectCsp(second)).not.toBe(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);

    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const response = await request.get(asset!);
    expect(response.status()).toBe(200);
    expectBaseHeaders(response);
  });

  test.describe("signed in", () => {
    test.use({ storageState: storageStateFor("admin") });
    test("portal pages render and hydrate under the policy", async ({ page }) => {
      const response = await page.goto("/customers");
      expect(response).not.toBeNull();
      expectBaseHeaders(response!);
      expectCsp(response!);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // A client component works: the add-customer dialog (Radix) opens.
      await page.getByRole("button", { name: /add customer/i }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
    });
  });
});

test.describe("consent rate limits", () => {
  // playwright.config.ts trusts one proxy hop, so each test can speak from its own address.
  test("the N+1th request from one address gets a 429 page with Retry-After", async ({ request, db }) => {
    const address = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
    const headers = { "x-forwarded-for": address };
    const before = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent"`);
    const limit = Number(process.env.E2E_CONSENT_LIMIT_PER_ADDRESS);
    expect(limit).toBeGreaterThan(0);
    for (let i = 0; i < limit; i++) {
      const response = await request.get(`/api/consent/callback?state=flood-${i}`, { headers, maxRedirects: 0 });
      expect(response.status()).toBe(303);
    }
    for (let i = 0; i < 5; i++) {
      const response = await request.get(`/consent/${token()}`, { headers });
      expect(response.status()).toBe(429);
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
      expectBaseHeaders(response, "no-referrer");
      expect(await response.text()).toContain("Too many requests");
    }
    // Another address is unaffected.
    expect((await request.get(`/consent/${token()}`, { headers: { "x-forwarded-for": "198.51.100.99" } })).status()).toBe(200);
    // The forged callbacks collapse into one refusal; the 5 refused requests add one summary.
    const after = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent"`);
    expect(after.rows[0].n - before.rows[0].n).toBeLessThanOrEqual(2);
    const summary = await db.query(
      `SELECT "repeatCount" FROM "AuditEvent" WHERE action = 'consent.rate-limited' AND details->>'address' = $1`,
      [address],
    );
    expect(summary.rows).toEqual([{ repeatCount: 1 }]);
  });
});
