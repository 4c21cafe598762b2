import { CUSTOMERS, storageStateFor } from "./support/accounts";
import { test } from "./support/fixtures";
import { addCustomer, signInForConsent, startConsent } from "./support/onboarding";

test.use({ storageState: storageStateFor("admin") });

test("screenshots", async ({ page, browser, db }) => {
  const customer = await addCustomer(page, "Shots Fabrikam", "fabrikam-shots.example");
  for (const width of [1280, 390]) {
    const { page: p } = await startConsent(browser, customer.link);
    await p.setViewportSize({ width, height: 900 });
    await signInForConsent(p, CUSTOMERS.fabrikam.user);
    await p.screenshot({ path: `/tmp/consent-shot-role-${width}.png`, fullPage: true });
  }
  const { page: p2 } = await startConsent(browser, customer.link);
  await signInForConsent(p2, CUSTOMERS.fabrikam.admin);
  await p2.getByRole("button", { name: "Cancel" }).click();
  await p2.waitForURL(/consent\/result/);
  for (const width of [1280, 390]) {
    await p2.setViewportSize({ width, height: 900 });
    await p2.screenshot({ path: `/tmp/consent-shot-declined-${width}.png`, fullPage: true });
  }
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Customer" WHERE "tenantId" = $1`, [CUSTOMERS.contoso.tenantId]);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/customers/${rows[0]!.id}`);
    await page.screenshot({ path: `/tmp/consent-shot-customer-${width}.png`, fullPage: true });
  }
});
