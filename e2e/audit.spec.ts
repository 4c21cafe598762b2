import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type pg from "pg";
import { MSSP, storageStateFor } from "./support/accounts";
import { expect, signInAtMicrosoft, test } from "./support/fixtures";
import { expectFitsViewport, PHONE, SCREENSHOT_DIR } from "./support/layout";

test.use({ storageState: storageStateFor("admin") });

async function workspaceId(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE "tenantId" = $1`, [MSSP.tenantId]);
  return rows[0]!.id;
}

test("pages through every matching event, opens one in the drawer, and exports the filtered set", async ({ page, db }) => {
  const marker = `Marker${randomUUID().slice(0, 8)}`;
  const ws = await workspaceId(db);
  // 130 refused sign-ins of one visitor, a minute apart: more than two pages of 50.
  await db.query(
    `INSERT INTO "AuditEvent" (id, "workspaceId", actor, action, details, at)
     SELECT gen_random_uuid(), $1, 'user:' || gen_random_uuid(), 'auth.sign_in_refused',
            jsonb_build_object('reason', 'no-role', 'name', $2::text || ' Visitor', 'email', lower($2::text) || '@contoso.com', 'n', i),
            now() - make_interval(mins => i)
     FROM generate_series(1, 130) AS i`,
    [ws, marker],
  );

  await page.goto(`/audit?q=${marker}`);
  await expect(page.getByTestId("audit-total")).toHaveText("130 events match the filters");
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(50);
  // Worded, and the refused person is named by what they tried.
  await expect(rows.first()).toContainText("Sign-in refused");
  await expect(rows.first()).toContainText(`${marker} Visitor (${marker.toLowerCase()}@contoso.com)`);
  await expect(rows.first()).toContainText("No Gatehouse role assigned");
  await expect(page.getByText("auth.sign_in_refused")).toHaveCount(0);

  // Each page is a new URL; wait for it, since pages one and two both have 50 rows.
  const follow = async (name: "Older" | "Newer") => {
    const before = page.url();
    await page.getByRole("link", { name }).click();
    await page.waitForURL((url) => url.href !== before);
  };
  await follow("Older");
  await expect(rows).toHaveCount(50);
  await follow("Older");
  await expect(rows).toHaveCount(30);
  await expect(page.getByRole("link", { name: "Older" })).toHaveCount(0);
  // The first event recorded is reachable.
  await rows.last().getByRole("button", { name: /^Details of/ }).click();
  const drawer = page.getByRole("dialog", { name: "Sign-in refused" });
  await expect(drawer).toContainText("N130");
  await expect(drawer).toContainText(`${marker.toLowerCase()}@contoso.com`);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/audit-drawer-1280.png` });
  await page.setViewportSize({ width: PHONE, height: 900 });
  await expectFitsViewport(page, "audit drawer at 390px");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/audit-drawer-390.png` });
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 1280, height: 720 });
  await follow("Newer");
  await expect(rows).toHaveCount(50);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const lines = (await readFile(file!, "utf8")).trimEnd().split("\r\n");
  expect(lines).toHaveLength(131);
  expect(lines[1]).toContain("Sign-in refused");
});

test("filters by customer and action, and links the customer", async ({ page, db }) => {
  const ws = await workspaceId(db);
  const id = randomUUID();
  const name = `Audit Filter Co ${id.slice(0, 6)}`;
  await db.query(`INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [id, ws, name, `audit-${id.slice(0, 8)}.example`]);
  await db.query(
    `INSERT INTO "AuditEvent" (id, "workspaceId", actor, action, target, details, at) VALUES
       (gen_random_uuid(), $1, 'customer-admin', 'consent.started', $2, '{}', now()),
       (gen_random_uuid(), $1, 'customer-admin', 'consent.refused', $2, '{"reason":"denied","errorDescription":"AADSTS65004: User declined to consent."}', now())`,
    [ws, `customer:${id}`],
  );
  await page.goto("/audit");
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: name });
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Consent not completed" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`customer=${id}`));
  await expect(page.getByTestId("audit-total")).toHaveText("1 event matches the filters");
  const row = page.getByTestId("audit-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Consent was not granted");
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
});

test.describe("a cancelled Microsoft sign-in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("comes back to a clear message with Try again", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    await expect(page.getByLabel("Username")).toBeVisible();
    await page.getByRole("button", { name: "Back" }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=OAuthCallbackError/);
    await expect(page.getByRole("status").filter({ hasText: "Sign-in was cancelled" })).toBeVisible();
    await page.getByRole("button", { name: "Try again" }).click();
    await signInAtMicrosoft(page, MSSP.admin);
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});
