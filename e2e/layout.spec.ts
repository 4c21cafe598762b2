// Every page at 390 px and 1280 px: no sideways page scroll, its own tab title, a screenshot.
import { randomUUID } from "node:crypto";
import { MSSP, storageStateFor } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { checkLayout, expectFitsViewport, PHONE } from "./support/layout";
import { addCustomer } from "./support/onboarding";
import { createTenant } from "./support/tenants";

const PORTAL_PAGES = [
  ["dashboard", "/dashboard", "Dashboard · Gatehouse"],
  ["customers", "/customers", null],
  ["approvals", "/approvals", "Approvals · Gatehouse"],
  ["access-matrix", "/access", "Access matrix · Gatehouse"],
  ["launchpad", "/launchpad", "Launchpad · Gatehouse"],
  ["my-access", "/me", "My access · Gatehouse"],
  ["audit", "/audit", "Audit log · Gatehouse"],
  ["settings", "/settings", "Settings · Gatehouse"],
  ["blueprint-versions", "/settings/blueprint/versions", "Blueprint versions · Gatehouse"],
  ["settings-rollout", "/settings/rollout", "Blueprint rollout · Gatehouse"],
] as const;

test.describe("portal pages as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  for (const [name, path, title] of PORTAL_PAGES) {
    test(`${name} fits 390 and 1280 px`, async ({ page }) => {
      await checkLayout(page, name, () => page.goto(path));
      // The customers pages' titles belong to the customers work.
      if (title) await expect(page).toHaveTitle(title);
    });
  }

  test("customer detail fits 390 and 1280 px", async ({ page, db }) => {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE "tenantId" = $1`, [MSSP.tenantId]);
    const id = randomUUID();
    await db.query(
      `INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
      [id, rows[0]!.id, "Layout Check Incorporated With A Long Name", `layout-${id.slice(0, 8)}.example`],
    );
    await checkLayout(page, "customer-detail", () => page.goto(`/customers/${id}`));
  });

  test("drift, with data, and a customer's drift diff fit 390 and 1280 px", async ({ page, db }) => {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE "tenantId" = $1`, [MSSP.tenantId]);
    const workspaceId = rows[0]!.id;
    const id = randomUUID();
    await db.query(
      `INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "tenantId", status, "updatedAt") VALUES ($1, $2, $3, $4, $5, 'active', now())`,
      [id, workspaceId, "Drifted Layout Incorporated With A Long Name", `drift-layout-${id.slice(0, 8)}.example`, randomUUID()],
    );
    const items = [
      { key: "policy:tier1", kind: "assignmentPolicy", severity: "high", field: "allowedTargetScope", actual: "allExternalUsers", expected: "specificConnectedOrganizationUsers", message: "Assignment policy \"MSSP analysts\": allowedTargetScope is \"allExternalUsers\", the blueprint says \"specificConnectedOrganizationUsers\".", repairable: true },
      { key: "approversEmpty:approvers", kind: "approverMembers", severity: "medium", field: "members", actual: [], expected: ["MSSP Approver"], message: "The approvers group \"MSSP Analyst Approvers\" is empty and no \"MSSP Analyst Approvers\" assignment is delivered any more (1 ended or were removed): nobody can approve analyst requests.", repairable: false, href: "https://myaccess.microsoft.com/@drift-layout.example#/access-packages/00000000-0000-0000-0000-000000000000" },
      { key: "group:tier1", kind: "group", severity: "low", field: "displayName", actual: "Tier 1 (old)", expected: "Tier 1 Analyst", message: "Security group \"Tier 1 Analyst\": displayName is \"Tier 1 (old)\", the blueprint says \"Tier 1 Analyst\".", repairable: true },
    ];
    await db.query(
      `INSERT INTO "DriftCheck" (id, "workspaceId", "customerId", "blueprintVersion", status, trigger, high, medium, low, items, requests, "wallMs") VALUES ($1, $2, $3, 1, 'drift', 'manual', 1, 1, 1, $4, 2, 240)`,
      [randomUUID(), workspaceId, id, JSON.stringify(items)],
    );
    await checkLayout(page, "drift", () => page.goto("/drift"));
    await expect(page).toHaveTitle("Drift · Gatehouse");
    await checkLayout(page, "customer-drift", () => page.goto(`/customers/${id}`));
    await expect(page.getByTestId("drift-items").getByRole("listitem")).toHaveCount(3);
  });

  test("a person's access page fits 390 and 1280 px", async ({ page, db }) => {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "PortalUser" WHERE lower(email) = lower($1)`, [MSSP.analyst]);
    await checkLayout(page, "person", () => page.goto(`/people/${rows[0]!.id}`));
    await expect(page).toHaveTitle("Person · Gatehouse");
  });

  test("a rollout's summary fits 390 and 1280 px", async ({ page, db }) => {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE "tenantId" = $1`, [MSSP.tenantId]);
    const id = randomUUID();
    await db.query(
      `INSERT INTO "Rollout" (id, "workspaceId", "blueprintVersion", status, concurrency, actor, total, succeeded, failed, "finishedAt", "updatedAt") VALUES ($1, $2, 1, 'completed', 4, 'cli', 2, 1, 1, now(), now())`,
      [id, rows[0]!.id],
    );
    await checkLayout(page, "settings-rollout-detail", () => page.goto(`/settings/rollout/${id}`));
    await expect(page).toHaveTitle("Rollout · Gatehouse");
  });

  test("a consent link's page, with what Gatehouse will create, fits 390 and 1280 px", async ({ page, request }) => {
    // Adding a customer resolves its domain at Microsoft: the test brings a tenant of its own.
    const tenant = await createTenant(request, "Layout Consent");
    const customer = await addCustomer(page, "Layout Consent Co", tenant.domain);
    await checkLayout(page, "consent-link", () => page.goto(customer.link));
    await expect(page.getByText("What Gatehouse will create in your tenant")).toBeVisible();
  });

  test("on a phone the navigation folds into a menu button", async ({ page }) => {
    await page.setViewportSize({ width: PHONE, height: 800 });
    await page.goto("/dashboard");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(["Dashboard", "Customers", "Drift", "Approvals", "Access matrix", "Launchpad", "My access", "Audit log", "Settings"]);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expectFitsViewport(page, "open menu");
    await nav.getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });
});

test.describe("public pages", () => {
  const PUBLIC_PAGES = [
    ["landing", "/", "Gatehouse"],
    ["sign-in", "/sign-in", "Sign in · Gatehouse"],
    ["sign-in-cancelled", "/sign-in?error=OAuthCallbackError", "Sign in · Gatehouse"],
    ["sign-in-refused", "/sign-in/refused?reason=no-role", "Sign-in refused · Gatehouse"],
    ["sign-in-error", "/sign-in/error?error=Configuration", "Sign-in failed · Gatehouse"],
    ["consent-link-invalid", `/consent/${"x".repeat(43)}`, null],
  ] as const;
  for (const [name, path, title] of PUBLIC_PAGES) {
    test(`${name} fits 390 and 1280 px`, async ({ page }) => {
      await checkLayout(page, name, () => page.goto(path));
      if (title) await expect(page).toHaveTitle(title);
    });
  }
});

test("the width check fails on a page wider than the viewport", async ({ page }) => {
  await page.setViewportSize({ width: PHONE, height: 800 });
  await page.goto("/");
  await page.evaluate(() => {
    const wide = document.createElement("div");
    wide.id = "too-wide";
    wide.style.width = "600px";
    wide.style.height = "10px";
    document.body.append(wide);
  });
  const failure = await expectFitsViewport(page, "deliberately wide").then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toContain("deliberately wide: the page is 600px wide in a 390px viewport");
  expect(failure).toContain("div#too-wide");
});
