import { expect, test } from "./support/fixtures";

test("the landing page explains Gatehouse", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MSSP access");
  await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("health reports the database reachable and migrations up to date", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { upToDate: true, pending: [] } });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(body.migrations.applied).toBeGreaterThan(0);
});
