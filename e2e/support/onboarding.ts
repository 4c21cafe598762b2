import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import type pg from "pg";
import { expect, signInAtMicrosoft } from "./fixtures";

export interface AddedCustomer {
  id: string;
  link: string;
}

/** Adds a customer through the dialog and returns its id and the one-time consent link. */
export async function addCustomer(page: Page, name: string, domain: string): Promise<AddedCustomer> {
  await page.goto("/customers");
  await page.getByRole("button", { name: "Add customer" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a customer" });
  await dialog.getByLabel("Customer name").fill(name);
  await dialog.getByLabel("Primary domain").fill(domain);
  await dialog.getByRole("button", { name: "Add customer" }).click();
  const link = await dialog.getByLabel("Consent link").inputValue();
  const href = await dialog.getByRole("link", { name: "Open customer" }).getAttribute("href");
  await dialog.getByRole("button", { name: "Done" }).click();
  return { id: href!.split("/").pop()!, link };
}

/**
 * A customer admin's fresh browser: opens the link and presses "Grant consent", which first sends
 * them to sign in at Microsoft. Returns the page and the sign-in step's state.
 */
export async function startConsent(browser: Browser, link: string): Promise<{ page: Page; state: string }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(link);
  const toMicrosoft = page.waitForRequest(/\/oauth2\/v2\.0\/authorize\?/);
  await page.getByRole("button", { name: "Grant consent at Microsoft" }).click();
  const url = new URL((await toMicrosoft).url());
  expect(url.searchParams.get("prompt")).toBe("login");
  const state = url.searchParams.get("state");
  expect(state).toBeTruthy();
  await expect(page.getByLabel("Username")).toBeVisible();
  return { page, state: state! };
}

/**
 * Signs in at the emulator. An admin of the right tenant goes on to Microsoft's consent prompt
 * (the emulator's session carries the sign-in): returns the consent step's URL. Anyone else
 * ends on Gatehouse's result page: returns null.
 */
export async function signInForConsent(page: Page, username: string): Promise<string | null> {
  const toConsent = page.waitForRequest(/\/v2\.0\/adminconsent\?/, { timeout: 15_000 }).catch(() => null);
  await signInAtMicrosoft(page, username);
  await page.waitForURL(/\/consent\/result|\/v2\.0\/adminconsent/);
  if (page.url().includes("/consent/result")) return null;
  await expect(page.getByRole("button", { name: "Accept" })).toBeVisible();
  return (await toConsent)?.url() ?? page.url();
}

/** Signs in, then answers Microsoft's consent prompt; returns the callback URL Microsoft sent the browser to. */
export async function answerConsent(page: Page, username: string, decision: "Accept" | "Cancel"): Promise<string> {
  expect(await signInForConsent(page, username)).toBeTruthy();
  const callback = page.waitForRequest(/\/api\/consent\/callback\?/);
  await page.getByRole("button", { name: decision }).click();
  const url = (await callback).url();
  await page.waitForURL(/\/consent\/result/);
  return url;
}

export async function customerRow(db: pg.Client, id: string) {
  const { rows } = await db.query<{ status: string; tenantId: string | null; consentedAt: Date | null }>(
    `SELECT status, "tenantId", "consentedAt" FROM "Customer" WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function expectUnchanged(db: pg.Client, id: string): Promise<void> {
  expect(await customerRow(db, id)).toEqual({ status: "invited", tenantId: null, consentedAt: null });
  const { rows } = await db.query(`SELECT count(*)::int AS used FROM "ConsentInvite" WHERE "customerId" = $1 AND "usedAt" IS NOT NULL`, [id]);
  expect(rows[0].used).toBe(0);
}

export function callbackUrl(params: Record<string, string>): string {
  return `/api/consent/callback?${new URLSearchParams(params).toString()}`;
}

export function signedInUrl(params: Record<string, string>): string {
  return `/api/consent/signed-in?${new URLSearchParams(params).toString()}`;
}

/**
 * A consent link of another workspace, written straight to the database as its admins would
 * have issued it (the foreign workspace has no one who can sign in to this portal).
 */
export async function insertForeignInvite(db: pg.Client, workspaceId: string, domain: string): Promise<{ customerId: string; link: string }> {
  const customerId = randomUUID();
  const token = randomBytes(32).toString("base64url");
  await db.query(`INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
    customerId,
    workspaceId,
    `Claimed ${domain}`,
    domain,
  ]);
  await db.query(`INSERT INTO "ConsentInvite" (id, "workspaceId", "customerId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $4, now() + interval '1 day')`, [
    randomUUID(),
    workspaceId,
    customerId,
    createHash("sha256").update(token).digest("hex"),
  ]);
  return { customerId, link: `/consent/${token}` };
}

/**
 * A customer added, consented by its admin, and provisioned by the worker until its page shows
 * `status` (a page reload each try: the customer page does not poll its status).
 */
export async function onboardCustomer(page: Page, browser: Browser, input: { name: string; domain: string; admin: string; status: string }): Promise<AddedCustomer> {
  const customer = await addCustomer(page, input.name, input.domain);
  const { page: customerPage } = await startConsent(browser, customer.link);
  await answerConsent(customerPage, input.admin, "Accept");
  await page.goto(`/customers/${customer.id}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("customer-status")).toHaveText(input.status, { timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  return customer;
}
