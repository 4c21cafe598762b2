import { randomUUID } from "node:crypto";
import type pg from "pg";
import { storageStateFor } from "./support/accounts";
import { demoWorkspaceId, markConsented, submitAddForm } from "./support/customers";
import { insertForeignWorkspace } from "./support/foreign-workspace";
import { expect, test } from "./support/fixtures";
import { addCustomer } from "./support/onboarding";
import { createTenant, setGraphFaults } from "./support/tenants";
import { submitForged } from "./support/forge";

test.use({ storageState: storageStateFor("admin") });

const countByDomain = async (db: pg.Client, domain: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM "Customer" WHERE "primaryDomain" = $1`, [domain])).rows[0].n as number;

test("adding resolves the domain at Microsoft and refuses what can never be a customer", async ({ page, db, request }) => {
  const nowhere = `nowhere-${randomUUID().slice(0, 8)}.example`;
  let dialog = await submitAddForm(page, "Nowhere Inc", nowhere);
  await expect(dialog.getByText(`No Microsoft Entra tenant has verified ${nowhere}.`)).toBeVisible();
  await expect(dialog.getByLabel("Customer name")).toHaveValue("Nowhere Inc");
  expect(await countByDomain(db, nowhere)).toBe(0);

  dialog = await submitAddForm(page, "Ourselves", "northwinddefense.com");
  await expect(dialog.getByText("northwinddefense.com belongs to your own MSSP tenant.")).toBeVisible();

  // A tenant another MSSP of this deployment already added: refused, and that customer is never named.
  const taken = await createTenant(request, "Taken");
  const foreign = await insertForeignWorkspace(db);
  await db.query(`UPDATE "Customer" SET "resolvedTenantId" = $2 WHERE id = $1`, [foreign.customerId, taken.tenantId]);
  dialog = await submitAddForm(page, "Taken Corp", taken.initialDomain);
  await expect(dialog.getByText(`The Microsoft tenant of ${taken.initialDomain} is already managed by another MSSP in this Gatehouse.`)).toBeVisible();
  await expect(page.getByText(foreign.customerName)).toHaveCount(0);

  // The tenant found is kept and shown until consent proves it.
  const fresh = await createTenant(request, "Resolved");
  const customer = await addCustomer(page, "Resolved Ltd", fresh.domain);
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId("resolved-tenant-id")).toHaveText(fresh.tenantId);
  await expect(page.getByTestId("tenant-id")).toHaveText("Not consented yet");
});

test("while Microsoft throttles, nothing is saved and the form keeps what was typed", async ({ page, db, request }) => {
  const tenant = await createTenant(request, "Throttled");
  await setGraphFaults(request, [{ pathPattern: "/v1.0/tenantRelationships/**", rate429: 1, retryAfterSeconds: 0 }]);
  try {
    const dialog = await submitAddForm(page, "Throttled Ltd", tenant.domain);
    await expect(dialog.getByRole("alert").filter({ hasText: "Microsoft Graph is throttling requests" })).toContainText("Nothing was saved.");
    await expect(dialog.getByLabel("Customer name")).toHaveValue("Throttled Ltd");
    await expect(dialog.getByLabel("Primary domain")).toHaveValue(tenant.domain);
    expect(await countByDomain(db, tenant.domain)).toBe(0);
    await setGraphFaults(request, []);
    await dialog.getByRole("button", { name: "Add customer" }).click();
    await expect(dialog.getByLabel("Consent link")).toBeVisible();
    expect(await countByDomain(db, tenant.domain)).toBe(1);
  } finally {
    await setGraphFaults(request, []);
  }
});

test("an admin edits the name and contact; the tab title follows", async ({ page, request }) => {
  const customer = await addCustomer(page, "Edit Me", (await createTenant(request, "Edit")).domain);
  await page.goto(`/customers/${customer.id}`);
  await expect(page).toHaveTitle("Edit Me · Customers · Gatehouse");
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Edit customer" });
  await dialog.getByLabel("Customer name").fill("Edited Corp");
  await dialog.getByLabel("Contact name").fill("Pat Jones");
  await dialog.getByLabel("Contact email").fill("not-an-email");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Enter a valid email address, or leave it empty.")).toBeVisible();
  await expect(dialog.getByLabel("Customer name")).toHaveValue("Edited Corp");
  await dialog.getByLabel("Contact email").fill("pat@example.com");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edited Corp");
  await expect(page.getByTestId("customer-contact")).toHaveText("Pat Jones · pat@example.com");
  await expect(page).toHaveTitle("Edited Corp · Customers · Gatehouse");
  await expect(page.getByRole("cell", { name: "Customer details changed", exact: true })).toBeVisible();
});

test("a customer that never consented is deleted after its name is typed", async ({ page, db, request }) => {
  const customer = await addCustomer(page, "Delete Me", (await createTenant(request, "Delete")).domain);
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Delete Me?" });
  const confirm = dialog.getByRole("button", { name: "Delete customer" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type Delete Me to confirm").fill("Delete");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type Delete Me to confirm").fill("Delete Me");
  await confirm.click();
  await expect(page).toHaveURL(/\/customers$/);
  // The toast, and its copy for screen readers.
  await expect(page.getByText("Delete Me was deleted.").first()).toBeVisible();
  expect((await db.query(`SELECT 1 FROM "Customer" WHERE id = $1`, [customer.id])).rowCount).toBe(0);
  const audit = await db.query(`SELECT actor, details FROM "AuditEvent" WHERE action = 'customer.deleted' AND target = $1`, [`customer:${customer.id}`]);
  expect(audit.rows).toHaveLength(1);
  expect(audit.rows[0].details).toMatchObject({ displayName: "Delete Me" });
  // Its link no longer works.
  await page.goto(customer.link);
  await expect(page.getByRole("heading", { name: "This consent link is not valid" })).toBeVisible();
});

test("before consent: a primary link button and no portal links; after: re-consent is secondary, links appear, no delete", async ({ page, db, request }) => {
  const tenant = await createTenant(request, "Lifecycle");
  const customer = await addCustomer(page, "Lifecycle Ltd", tenant.domain);
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByTestId("customer-status")).toHaveText("Waiting for consent");
  await expect(page.getByRole("link", { name: /My Access/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Microsoft Defender portal" })).toHaveCount(0);
  await expect(page.getByTestId("links-pending")).toBeVisible();

  // Revoke asks first; keeping the link keeps it.
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke this consent link?" });
  await revoke.getByRole("button", { name: "Keep the link" }).click();
  await expect(revoke).toBeHidden();
  await expect(page.getByTestId("invite-row").first()).toContainText("Active");
  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await revoke.getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByTestId("invite-row").first()).toContainText("Revoked");
  await expect(page.getByRole("button", { name: "Create consent link" })).toHaveClass(/bg-brand-600/);

  await markConsented(db, customer.id, tenant.tenantId);
  await page.reload();
  await expect(page.getByTestId("customer-status")).toHaveText("Consented");
  await expect(page.getByRole("button", { name: "Create consent link" })).toHaveCount(0);
  const reconsent = page.getByTestId("reconsent");
  await expect(reconsent).toContainText("Re-consent is needed only when Gatehouse asks for permissions");
  await expect(reconsent.getByRole("button", { name: "Create re-consent link" })).not.toHaveClass(/bg-brand-600/);
  await expect(page.getByRole("link", { name: "My Access (request and approve access)" })).toHaveAttribute("href", `https://myaccess.microsoft.com/@${tenant.domain}`);
  await expect(page.getByRole("link", { name: "Microsoft Defender portal" })).toHaveAttribute("href", `https://security.microsoft.com/?tid=${tenant.tenantId}`);
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible();
});

test("another workspace's customer cannot be edited or deleted by id", async ({ page, db, request }) => {
  const { workspaceId: workspaceB, customerId: victim, customerName } = await insertForeignWorkspace(db);
  const own = await addCustomer(page, "Own Target", (await createTenant(request, "Target")).domain);
  await page.goto(`/customers/${own.id}`);

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit customer" });
  await edit.getByLabel("Customer name").fill("Pwned");
  await submitForged(edit.locator("form"), edit.getByRole("button", { name: "Save changes" }), { customerId: victim });
  await expect(edit.getByText("The customer was not found.")).toBeVisible();
  await edit.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const remove = page.getByRole("dialog", { name: "Delete Own Target?" });
  await remove.getByLabel("Type Own Target to confirm").fill("Own Target");
  await submitForged(remove.locator("form"), remove.getByRole("button", { name: "Delete customer" }), { customerId: victim });
  await expect(remove.getByText("The customer was not found.")).toBeVisible();

  const { rows } = await db.query(`SELECT "displayName" FROM "Customer" WHERE id = $1`, [victim]);
  expect(rows).toEqual([{ displayName: customerName }]);
  expect((await db.query(`SELECT 1 FROM "Customer" WHERE id = $1`, [own.id])).rowCount).toBe(1);
  const events = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "workspaceId" = $1`, [workspaceB]);
  expect(events.rows[0].n).toBe(0);
  const ours = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "workspaceId" = $1 AND target = $2`, [await demoWorkspaceId(db), `customer:${victim}`]);
  expect(ours.rows[0].n).toBe(0);
});
