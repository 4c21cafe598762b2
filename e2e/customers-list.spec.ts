import { randomUUID } from "node:crypto";
import { storageStateFor } from "./support/accounts";
import { demoWorkspaceId, expectNoSidewaysScroll, markConsented } from "./support/customers";
import { expect, test } from "./support/fixtures";
import { addCustomer } from "./support/onboarding";
import { createTenant } from "./support/tenants";

test.use({ storageState: storageStateFor("admin") });

test("the list pages on the server past 50 rows and keeps search and sort in the URL", async ({ page, db }) => {
  const tag = randomUUID().slice(0, 8);
  const workspaceId = await demoWorkspaceId(db);
  for (let i = 1; i <= 55; i++) {
    await db.query(
      `INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`,
      [randomUUID(), workspaceId, `Paged ${tag} ${i}`, `paged-${tag}-${i}.example`, new Date(Date.UTC(2026, 0, 1, 0, i))],
    );
  }
  await page.goto("/customers");
  await expect(page).toHaveTitle("Customers · Gatehouse");
  await page.getByRole("searchbox", { name: "Search customers" }).fill(`Paged ${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=Paged\\+${tag}`));
  const rows = page.locator("table [data-testid=customer-row]");
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId("customer-count")).toHaveText("1–50 of 55 customers · page 1 of 2");
  await expect(rows.first()).toContainText(`Paged ${tag} 1`);

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(rows).toHaveCount(5);
  await expect(rows.last()).toContainText(`Paged ${tag} 55`);
  await expect(page.getByRole("searchbox", { name: "Search customers" })).toHaveValue(`Paged ${tag}`);

  // A new order starts at page 1 and keeps the search; the URL alone reproduces the view.
  await page.getByRole("link", { name: "Added" }).click();
  await expect(page).toHaveURL(/sort=created/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(rows.first()).toContainText(`Paged ${tag} 55`);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/sort=created.*page=2/);
  const url = page.url();
  await page.goto(url);
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText(`Paged ${tag} 5`);
  await expect(page.getByRole("link", { name: "Previous page" })).toBeVisible();
});

for (const width of [1280, 390]) {
  test(`customer pages fit ${width} px without sideways scrolling`, async ({ page, db, request }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    const tenant = await createTenant(request, `Screen ${width} with a rather long organization name`);
    const waiting = await addCustomer(page, `Waiting Screen ${width} Incorporated International`, tenant.domain);
    const consented = await addCustomer(page, `Consented Screen ${width}`, (await createTenant(request, "Consented")).domain);
    const { rows } = await db.query(`SELECT "resolvedTenantId" FROM "Customer" WHERE id = $1`, [consented.id]);
    await markConsented(db, consented.id, rows[0].resolvedTenantId);

    const shots: [string, string][] = [
      ["/customers", "customers"],
      [`/customers/${waiting.id}`, "customer-waiting"],
      [`/customers/${consented.id}`, "customer-consented"],
    ];
    for (const [path, name] of shots) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
    }
    await page.goto(`/customers/${waiting.id}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath(`customer-delete-${width}.png`) });
    if (width === 390) {
      // Small screens get stacked rows: every customer shows name, status and domain without a hidden column.
      await page.goto(`/customers?q=${encodeURIComponent(`Waiting Screen ${width}`)}`);
      const row = page.locator("ul [data-testid=customer-row]").first();
      await expect(row.getByTestId("customer-status")).toHaveText("Waiting for consent");
      await expect(row).toContainText(tenant.domain);
    }
  });
}
