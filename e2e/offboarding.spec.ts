import type { Page } from "@playwright/test";
import { MSSP, storageStateFor } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { onboardCustomer } from "./support/onboarding";
import { deliverPackage } from "./support/tenants";

test.use({ storageState: storageStateFor("admin") });

const LITWARE = { domain: "litware.com", admin: "admin@litware.com" };

/** Screenshots for review at desktop and phone widths; kept out of git. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/offboard-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("offboarding: typed confirmation, everything removed, report and enterprise-app instructions", async ({ page, browser, db }) => {
  test.setTimeout(180_000);
  // Litware has no Defender Unified RBAC: provisioning ends needing a manual Defender step, with
  // the 17 Entra objects made; offboarding works from there too.
  const customer = await onboardCustomer(page, browser, { name: "Litware", domain: LITWARE.domain, admin: LITWARE.admin, status: "Needs attention" });

  // An MSSP approver holds the Approvers package there: a guest account offboarding does not delete.
  const { rows: [approvers] } = await db.query<{ graphId: string; tenantId: string }>(
    `SELECT t."graphId", c."tenantId" FROM "TenantObject" t JOIN "Customer" c ON c.id = t."customerId" WHERE t."customerId" = $1 AND t.key = 'accessPackage:approvers'`,
    [customer.id],
  );
  await deliverPackage(page.request, { tenantId: approvers!.tenantId, packageId: approvers!.graphId, requestor: MSSP.approver, approver: LITWARE.admin });

  const section = page.getByTestId("offboarding");
  const confirm = section.getByLabel(/to confirm/);
  await confirm.fill("litware.co");
  await section.getByRole("button", { name: "Offboard customer" }).click();
  await expect(section.getByText(`Type ${LITWARE.domain} exactly.`)).toBeVisible();
  // Nothing happened: still active, the typed text kept.
  await expect(page.getByTestId("customer-status")).toHaveText("Needs attention");
  await expect(confirm).toHaveValue("litware.co");
  await shoot(page, "confirm-refused");

  await confirm.fill(LITWARE.domain);
  await section.getByRole("button", { name: "Offboard customer" }).click();
  await expect(page.getByTestId("customer-status")).toHaveText("Offboarded", { timeout: 90_000 });
  const summary = section.getByTestId("offboarding-summary");
  // The 17 objects and the approver's assignment.
  await expect(summary).toContainText("18 removed");
  await expect(summary).toContainText("0 could not be removed");
  await expect(section).toContainText("Enterprise applications");
  await expect(section.getByRole("list", { name: "Guest accounts left in the tenant" })).toContainText(MSSP.approver);
  // Nothing on the page invites work in the tenant any more: no plan or Apply, no drift check, no links.
  await page.reload();
  await expect(page.getByTestId("provisioning-section")).toHaveCount(0);
  await expect(page.getByTestId("drift-section")).toHaveCount(0);
  await expect(page.getByTestId("links-pending")).toContainText("offboarded");
  await shoot(page, "offboarded");

  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "TenantObject" WHERE "customerId" = $1`, [customer.id]);
  expect(rows[0].n).toBe(0);
  const report = await page.request.get(`/api/customers/${customer.id}/offboarding/report`);
  expect(report.status()).toBe(200);
  expect(report.headers()["content-disposition"]).toContain("gatehouse-offboarding-litware.com.txt");
  const text = await report.text();
  expect(text).toContain("Removed (18)");
  expect(text).toContain("Guest accounts left in the tenant (1)");
  expect(text).toContain("Could not be removed (0)");
});
