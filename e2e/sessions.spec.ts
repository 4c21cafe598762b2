import type { Browser, BrowserContext, Page } from "@playwright/test";
import type pg from "pg";
import { MSSP } from "./support/accounts";
import { expect, signInToPortal, test } from "./support/fixtures";

// Sessions end on the server. Accounts changed here are not the ones the shared storage states
// use (admin, approver, alex), and every change to the emulator is undone at the end.
const CASEY = "casey@northwinddefense.com";
const BAILEY = "bailey@northwinddefense.com";

async function freshContextWith(browser: Browser, cookies: Parameters<BrowserContext["addCookies"]>[0]) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  return context;
}

/** The newest portal session of a user, as the database holds it. */
async function newestSessionOf(db: pg.Client, email: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT s.id FROM "PortalSession" s JOIN "PortalUser" u ON u.id = s."userId" WHERE u.email = $1 ORDER BY s."createdAt" DESC LIMIT 1`,
    [email],
  );
  if (!rows[0]) throw new Error(`no session for ${email}`);
  return rows[0].id;
}

async function emulatorControl(page: Page, method: "PATCH" | "POST", path: string, data?: unknown): Promise<void> {
  const response = await page.request.fetch(`${process.env.E2E_EMULATOR_URL}/_emulator${path}`, { method, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), await response.text()).toBe(true);
}

test("a cookie saved before sign-out opens no page or API afterwards", async ({ page, browser }) => {
  await signInToPortal(page, MSSP.admin);
  await expect(page).toHaveURL(/\/dashboard$/);
  const saved = await page.context().cookies();
  expect((await page.request.get("/api/customers")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);

  const replay = await freshContextWith(browser, saved);
  const attacker = await replay.newPage();
  for (const path of ["/approvals", "/customers", "/dashboard", "/audit"]) {
    await attacker.goto(path);
    await expect(attacker, path).toHaveURL(/\/sign-in\/ended\?reason=sign_out$/);
  }
  await expect(attacker.getByRole("heading", { name: "You signed out" })).toBeVisible();
  const api = await attacker.request.get("/api/customers");
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ error: { code: "session_ended", reason: "sign_out" } });
  await replay.close();
});

test("an idle session ends with a page that says why, and the user can sign in again", async ({ page, db }) => {
  await signInToPortal(page, MSSP.admin);
  await expect(page).toHaveURL(/\/dashboard$/);
  const sessionId = await newestSessionOf(db, MSSP.admin);
  // Three hours without a request, as the server sees it.
  await db.query(`UPDATE "PortalSession" SET "lastSeenAt" = now() - interval '3 hours' WHERE id = $1`, [sessionId]);

  await page.goto("/customers");
  await expect(page).toHaveURL(/\/sign-in\/ended\?reason=idle$/);
  await expect(page.getByRole("heading", { name: "Your session ended: it was inactive for too long" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signInToPortal(page, MSSP.admin, "/audit");
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("cell", { name: "Session ended", exact: true }).first()).toBeVisible();
});

test("a session past its absolute lifetime ends even while in use", async ({ page, db }) => {
  await signInToPortal(page, MSSP.admin);
  await expect(page).toHaveURL(/\/dashboard$/);
  // Used a second ago, but signed in more than SESSION_ABSOLUTE_HOURS ago.
  await db.query(`UPDATE "PortalSession" SET "expiresAt" = now() - interval '1 second', "lastSeenAt" = now() WHERE id = $1`, [
    await newestSessionOf(db, MSSP.admin),
  ]);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\/ended\?reason=absolute$/);
  await expect(page.getByRole("heading", { name: "Your session ended: it reached its maximum length" })).toBeVisible();
});

test("an app role removed in Entra ends the session at its next check", async ({ page, db }) => {
  await signInToPortal(page, CASEY);
  // Analysts land on their own access.
  await expect(page).toHaveURL(/\/me$/);
  try {
    await emulatorControl(page, "PATCH", `/users/${CASEY}`, { appRoles: [] });
    // The last check at Entra was eleven minutes ago: this request asks again.
    await db.query(`UPDATE "PortalSession" SET "roleCheckedAt" = now() - interval '11 minutes' WHERE id = $1`, [await newestSessionOf(db, CASEY)]);
    await page.goto("/launchpad");
    await expect(page).toHaveURL(/\/sign-in\/ended\?reason=role_removed$/);
    await expect(page.getByRole("heading", { name: "Your session ended: your Gatehouse role was removed" })).toBeVisible();
  } finally {
    await emulatorControl(page, "PATCH", `/users/${CASEY}`, { appRoles: ["Gatehouse.Analyst"] });
  }
});

test("an account disabled in Entra ends the session at its next check", async ({ page, db }) => {
  await signInToPortal(page, BAILEY);
  await expect(page).toHaveURL(/\/me$/);
  try {
    await emulatorControl(page, "PATCH", `/users/${BAILEY}`, { accountEnabled: false });
    await db.query(`UPDATE "PortalSession" SET "roleCheckedAt" = now() - interval '11 minutes' WHERE id = $1`, [await newestSessionOf(db, BAILEY)]);
    const api = await page.request.get("/api/customers");
    expect(api.status()).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "session_ended", reason: "account_disabled" } });
    await page.goto("/me");
    await expect(page.getByRole("heading", { name: "Your session ended: your account is disabled" })).toBeVisible();
  } finally {
    await emulatorControl(page, "PATCH", `/users/${BAILEY}`, { accountEnabled: true });
  }
});
