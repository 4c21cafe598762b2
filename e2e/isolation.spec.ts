import { randomUUID } from "node:crypto";
import { storageStateFor } from "./support/accounts";
import { insertForeignWorkspace } from "./support/foreign-workspace";
import { expect, test } from "./support/fixtures";
import { createTenant } from "./support/tenants";
import { submitForged } from "./support/forge";

test.use({ storageState: storageStateFor("admin") });

// Workspace B is another MSSP in the same deployment. Its rows are created directly, as its own
// admins would have; the signed-in admin of workspace A then tries B's ids everywhere.
test("nothing of another workspace is visible by changing ids", async ({ page, request, db }) => {
  const { workspaceId: workspaceB, customerId: customerB, customerName } = await insertForeignWorkspace(db);
  await db.query(
    `INSERT INTO "AuditEvent" (id, "workspaceId", actor, action, target) VALUES ($1, $2, 'system', 'customer.created', $3)`,
    [randomUUID(), workspaceB, `customer:${customerB}`],
  );

  const pageResponse = await page.goto(`/customers/${customerB}`);
  expect(pageResponse?.status()).toBe(404);
  await expect(page.getByText(customerName)).toHaveCount(0);

  const api = await request.get(`/api/customers/${customerB}`);
  expect(api.status()).toBe(404);
  expect(JSON.stringify(await api.json())).not.toContain(customerName);

  const list = await request.get(`/api/customers?q=${encodeURIComponent(customerName)}`);
  expect(list.status()).toBe(200);
  expect((await list.json()).customers).toEqual([]);

  await page.goto(`/customers?q=${encodeURIComponent(customerName)}`);
  await expect(page.getByText("No customer matches")).toBeVisible();

  await page.goto("/audit");
  await expect(page.getByText(customerB)).toHaveCount(0);

  expect((await page.goto("/customers/not-a-uuid"))?.status()).toBe(404);
});

test("a server action given another workspace's ids answers not found and changes nothing", async ({ page, db, request }) => {
  const { workspaceId: workspaceB, customerId: customerB } = await insertForeignWorkspace(db);
  const inviteB = randomUUID();
  await db.query(
    `INSERT INTO "ConsentInvite" (id, "workspaceId", "customerId", "tokenHash", "expiresAt") VALUES ($1, $2, $3, $4, now() + interval '1 day')`,
    [inviteB, workspaceB, customerB, randomUUID()],
  );

  // A customer of our own with an active link, so the page has a Revoke form to tamper with.
  await page.goto("/customers");
  await page.getByRole("button", { name: "Add customer" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a customer" });
  await dialog.getByLabel("Customer name").fill("Own Customer");
  await dialog.getByLabel("Primary domain").fill((await createTenant(request, "Own")).domain);
  await dialog.getByRole("button", { name: "Add customer" }).click();
  await dialog.getByRole("link", { name: "Open customer" }).click();

  await page.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this consent link?" });
  const form = confirm.locator("form");
  await submitForged(form, form.getByRole("button", { name: "Revoke link" }), { customerId: customerB, inviteId: inviteB });
  await expect(form.getByText("The consent link was not found.")).toBeVisible();
  await confirm.getByRole("button", { name: "Keep the link" }).click();

  const { rows } = await db.query(`SELECT "revokedAt" FROM "ConsentInvite" WHERE id = $1`, [inviteB]);
  expect(rows[0].revokedAt).toBeNull();
  const issue = page.locator("form").filter({ has: page.getByRole("button", { name: "Replace with a new link" }) });
  await submitForged(issue, issue.getByRole("button", { name: "Replace with a new link" }), { customerId: customerB });
  await expect(page.getByText("The customer was not found.")).toBeVisible();
  const count = await db.query(`SELECT count(*)::int AS n FROM "ConsentInvite" WHERE "customerId" = $1`, [customerB]);
  expect(count.rows[0].n).toBe(1);
});

test("route handlers refuse anonymous callers", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const response = await context.request.get("/api/customers");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in to continue." } });
  await context.close();
});
