import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { CUSTOMERS, storageStateFor } from "./support/accounts";
import { insertForeignWorkspace } from "./support/foreign-workspace";
import { expect, test } from "./support/fixtures";
import { addCustomer, answerConsent, startConsent } from "./support/onboarding";
import { submitForged } from "./support/forge";

test.use({ storageState: storageStateFor("admin") });

const MY_ACCESS = /^https:\/\/myaccess\.microsoft\.com\/@fabrikam\.com#\/access-packages\/[0-9a-f-]{36}$/;

/** Screenshots for review at desktop and phone widths; kept out of git. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/prov-app-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("consent → the customer admin watches setup reach Ready; the MSSP sees active and the links", async ({ page, browser, db }) => {
  test.setTimeout(120_000);
  // Fabrikam is the one seeded tenant with P2 and Unified RBAC that no other spec consents; the
  // onboarding spec only adds it (cancel, non-admin). Those never-consented rows hold the domain
  // in this workspace, so they make way; a consented customer is never removed.
  await db.query(`DELETE FROM "Customer" WHERE "primaryDomain" = $1 AND "tenantId" IS NULL`, [CUSTOMERS.fabrikam.domain]);
  const customer = await addCustomer(page, "Fabrikam", CUSTOMERS.fabrikam.domain);
  const { page: customerPage } = await startConsent(browser, customer.link);
  const accepted = Date.now();
  await answerConsent(customerPage, CUSTOMERS.fabrikam.admin, "Accept");
  await expect(customerPage.getByRole("heading", { name: "Consent granted" })).toBeVisible();

  // Live, without reload: "Setting up" / "Creating n of m", then "Ready" and what was created.
  const setup = customerPage.getByRole("region", { name: /Setting up|Creating|Ready/ });
  await expect(setup).toBeVisible();
  await expect(customerPage.getByRole("heading", { name: "Ready" })).toBeVisible({ timeout: 60_000 });
  // The target is ≤ 10 s; a loaded CI machine is not a benchmark, so it is reported, not asserted.
  test.info().annotations.push({ type: "accept-to-ready-ms", description: String(Date.now() - accepted) });
  console.log(`Accept to Ready: ${Date.now() - accepted} ms`);
  const created = customerPage.getByRole("list", { name: "Created in your tenant" });
  await expect(created).toContainText("Tier 1 Analyst");
  await expect(created).toContainText("MSSP Accesses");
  // The public progress names neither the MSSP nor the customer.
  await expect(setup).not.toContainText("Northwind");
  await expect(setup).not.toContainText("Fabrikam");
  await shoot(customerPage, "consent-ready");

  // The MSSP admin: active, the request links with copy buttons, the step log.
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId("customer-status")).toHaveText("Active");
  const section = page.getByTestId("provisioning-section");
  await expect(section.getByTestId("run-status")).toHaveText("succeeded");
  const links = section.getByRole("list", { name: "Access package request links" });
  for (const name of ["Tier 1 Analyst", "Tier 2 Analyst", "MSSP Analyst Approvers"]) {
    await expect(links.getByRole("link", { name, exact: true })).toHaveAttribute("href", MY_ACCESS);
    await expect(links.getByRole("button", { name: `Copy the ${name} request link` })).toBeVisible();
  }
  await shoot(page, "customer-active");

  // A manual apply shows the plan first: nothing to change, and applying writes nothing.
  await section.getByRole("button", { name: "Review changes" }).click();
  await expect(section.getByTestId("plan-diff")).toContainText("already matches the blueprint");
  await shoot(page, "customer-plan");
  await section.getByRole("button", { name: "Apply" }).click();
  await expect(section.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(section).toContainText("0 Graph writes");

  // The Apply form pointed at another workspace's customer: not found, nothing queued there.
  const foreign = await insertForeignWorkspace(db);
  await section.getByRole("button", { name: "Review changes" }).click();
  const form = section.locator("form").filter({ has: page.getByRole("button", { name: "Apply" }) });
  await submitForged(form, form.getByRole("button", { name: "Apply" }), { customerId: foreign.customerId });
  await expect(section.getByText("The customer was not found.")).toBeVisible();
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "ProvisioningRun" WHERE "customerId" = $1`, [foreign.customerId]);
  expect(rows[0].n).toBe(0);

  // An analyst finds the request links on the launchpad.
  const analyst = await browser.newContext({ storageState: storageStateFor("analyst") });
  const launchpad = await analyst.newPage();
  await launchpad.goto("/launchpad");
  await launchpad.getByRole("searchbox", { name: "Search customers" }).fill("fabrikam");
  await launchpad.getByRole("button", { name: "Search" }).click();
  await expect(launchpad).toHaveURL(/\/launchpad\?q=fabrikam$/);
  const row = launchpad.getByRole("row").filter({ hasText: "Fabrikam" });
  await expect(row.getByRole("link", { name: "Tier 1 Analyst", exact: true })).toHaveAttribute("href", MY_ACCESS);
  await shoot(launchpad, "launchpad");
  await analyst.close();

  // Settings shows the blueprint (to an admin, as its editor).
  await page.goto("/settings");
  await expect(page.getByRole("form", { name: "Blueprint editor" }).getByLabel("Catalog name")).toHaveValue("MSSP Accesses");
  await shoot(page, "settings");
});

test("provisioning routes answer 404 for another workspace's customer and unknown setups", async ({ request, db }) => {
  const { customerId } = await insertForeignWorkspace(db);
  for (const path of [`/api/customers/${customerId}/provisioning`, `/api/customers/${customerId}/provisioning/plan`, "/api/customers/not-a-uuid/provisioning"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  expect((await request.get(`/api/consent/progress?invite=${randomUUID()}`)).status()).toBe(404);
  expect((await request.get("/api/consent/progress")).status()).toBe(404);
});
