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

/** A customer admin's fresh browser: opens the link and goes to Microsoft; returns the state sent. */
export async function startConsent(browser: Browser, link: string): Promise<{ page: Page; state: string }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(link);
  const toMicrosoft = page.waitForRequest(/\/v2\.0\/adminconsent\?/);
  await page.getByRole("button", { name: "Grant consent at Microsoft" }).click();
  const state = new URL((await toMicrosoft).url()).searchParams.get("state");
  expect(state).toBeTruthy();
  await expect(page.getByLabel("Username")).toBeVisible();
  return { page, state: state! };
}

/** Completes the consent at the emulator; returns the callback URL Microsoft sent the browser to. */
export async function answerConsent(page: Page, username: string, decision: "Accept" | "Cancel" | null): Promise<string> {
  const callback = page.waitForRequest(/\/api\/consent\/callback\?/);
  await signInAtMicrosoft(page, username);
  if (decision) await page.getByRole("button", { name: decision }).click();
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
