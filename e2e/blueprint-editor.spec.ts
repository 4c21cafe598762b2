// The blueprint editor on Settings: an admin's saves become versions with their changes in
// words; bad values are refused next to their fields; other roles get no form; the versions
// page shows only this workspace's versions.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { MSSP, storageStateFor } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { insertForeignWorkspace } from "./support/foreign-workspace";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expectFitsViewport, SCREENSHOT_DIR, WIDTHS } from "./support/layout";

// checkLayout waits for network idle, which a page that has just run a server action may not
// report again; these states wait for what they show instead.
async function checkState(page: Page, name: string, open: () => Promise<void>): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await open();
    await expectFitsViewport(page, `${name} at ${width}px`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}-full.png`), fullPage: true });
  }
}

async function ownWorkspace(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE "tenantId" = $1`, [MSSP.tenantId]);
  return rows[0]!.id;
}

// Other specs build tenants from the default blueprint: every test here starts and ends on it.
async function resetBlueprint(db: pg.Client): Promise<void> {
  await db.query(`DELETE FROM "Blueprint" WHERE "workspaceId" = $1`, [await ownWorkspace(db)]);
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });
  test.beforeEach(async ({ db }) => resetBlueprint(db));
  test.afterEach(async ({ db }) => resetBlueprint(db));

  test("edits expiry and a tier name, saves, sees the changes and version 2", async ({ page }) => {
    await page.goto("/settings");
    const editor = page.getByRole("form", { name: "Blueprint editor" });
    const tier1 = editor.getByRole("group", { name: "Tier 1 Analyst" });
    await tier1.getByLabel("Access expires after (days)").fill("180");
    await tier1.getByLabel("Approvers decide within (days)").fill("7");
    await tier1.getByLabel("Approvers must give a reason").check();
    await editor.getByRole("button", { name: "Save blueprint" }).click();
    await expect(page.getByTestId("blueprint-saved")).toContainText("Saved as version 1");
    await expect(page.getByTestId("blueprint-saved")).toContainText('Access package "Tier 1 Analyst": access now expires after 180 days (was 365 days).');
    await expect(page.getByTestId("blueprint-saved")).toContainText('Access package "Tier 1 Analyst", stage 1: approvers decide within 7 days (was 14); approvers must now give a reason.');
    await expect(tier1.getByLabel("Approvers decide within (days)")).toHaveValue("7");

    await tier1.getByLabel("Group name").fill("Tier 1 SOC");
    await editor.getByRole("group", { name: "Tier 2 Analyst" }).getByLabel("Access review").selectOption("none");
    await editor.getByRole("button", { name: "Save blueprint" }).click();
    // No review is risky: the admin confirms it first.
    await expect(page.getByRole("status").filter({ hasText: "Check these before saving" })).toContainText('"Tier 2 Analyst": no access review');
    await page.getByRole("button", { name: "Save anyway" }).click();
    const saved = page.getByTestId("blueprint-saved");
    await expect(saved).toContainText("Saved as version 2");
    await expect(saved).toContainText('Group "Tier 1 Analyst" renamed to "Tier 1 SOC".');
    await expect(saved).toContainText('Access package "Tier 2 Analyst": no access review any more (was every 12 months).');
    await expect(page.getByText("Now version 2.")).toBeVisible();
    await expect(saved.getByRole("link", { name: "Preview the rollout" })).toHaveAttribute("href", "/settings/rollout");

    await saved.getByRole("link", { name: "All versions" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Blueprint versions" })).toBeVisible();
    const versions = page.getByRole("list", { name: "Blueprint versions" }).getByRole("listitem").filter({ has: page.getByRole("heading") });
    await expect(versions.first()).toContainText("Version 2");
    await expect(versions.first()).toContainText("renamed to \"Tier 1 SOC\"");
    await expect(versions.nth(1)).toContainText("access now expires after 180 days");
    await expect(versions.last()).toContainText("Version 0");
  });

  test("a bad value is shown next to its field, keeps what was typed, saves nothing; the same values again change nothing", async ({ page, db }) => {
    await page.goto("/settings");
    const editor = page.getByRole("form", { name: "Blueprint editor" });
    const tier2 = editor.getByRole("group", { name: "Tier 2 Analyst" });
    await tier2.getByLabel("Access expires after (days)").fill("0");
    await tier2.getByLabel("Group name").fill("Tier 2 Night Shift");
    await editor.getByRole("button", { name: "Save blueprint" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("see the highlighted fields");
    await expect(tier2.getByLabel("Access expires after (days)")).toHaveAttribute("aria-invalid", "true");
    await expect(tier2.getByText("at least 1 day")).toBeVisible();
    await expect(tier2.getByLabel("Group name")).toHaveValue("Tier 2 Night Shift");
    const { rows } = await db.query(`SELECT 1 FROM "Blueprint" WHERE "workspaceId" = $1`, [await ownWorkspace(db)]);
    expect(rows).toHaveLength(0);

    await page.reload();
    await editor.getByRole("button", { name: "Save blueprint" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Nothing changed" })).toContainText("still version 0");
  });

  test("adds a tier with a second approval stage and removes it again before saving", async ({ page }) => {
    await page.goto("/settings");
    const editor = page.getByRole("form", { name: "Blueprint editor" });
    await editor.getByRole("button", { name: "Add a tier" }).click();
    const tier3 = editor.getByRole("group", { name: "Tier 3 Analyst" });
    await expect(tier3.getByLabel("Group name")).toHaveValue("Tier 3 Analyst");
    await tier3.getByRole("button", { name: "Add a second approval stage" }).click();
    await expect(tier3.getByLabel("Approval stage 2: who approves")).toHaveValue("consentAdmin");
    await editor.getByRole("button", { name: "Save blueprint" }).click();
    const saved = page.getByTestId("blueprint-saved");
    await expect(saved).toContainText("Saved as version 1");
    await expect(saved).toContainText('Group "Tier 3 Analyst" added.');
    await expect(saved).toContainText('Access package "Tier 3 Analyst" added.');
    await expect(editor.getByRole("group", { name: "Tier 3 Analyst" }).getByLabel("Approval stage 2: who approves")).toHaveValue("consentAdmin");
  });

  test("Settings after a save, and with field errors, fits 390 and 1280 px", async ({ page, db }) => {
    const editor = page.getByRole("form", { name: "Blueprint editor" });
    const saveExpiry = async (days: string) => {
      await page.goto("/settings");
      await editor.getByRole("group", { name: "Tier 1 Analyst" }).getByLabel("Access expires after (days)").fill(days);
      await editor.getByRole("button", { name: "Save blueprint" }).click();
    };
    await checkState(page, "settings-blueprint-saved", async () => {
      await resetBlueprint(db);
      await saveExpiry("90");
      await expect(page.getByTestId("blueprint-saved")).toBeVisible();
    });
    await checkState(page, "settings-blueprint-errors", async () => {
      await saveExpiry("zero");
      await expect(page.getByText("enter a number of days")).toBeVisible();
    });
  });

  test("the versions page shows no other workspace's versions", async ({ page, db }) => {
    const foreign = await insertForeignWorkspace(db);
    const secret = `Foreign tier ${randomUUID().slice(0, 8)}`;
    await db.query(
      `INSERT INTO "Blueprint" (id, "workspaceId", version, definition) VALUES ($1, $2, 1, $3)`,
      [randomUUID(), foreign.workspaceId, JSON.stringify({ groups: [{ key: "tier1", displayName: secret }] })],
    );
    await page.goto("/settings/blueprint/versions");
    await expect(page.getByText("No one has changed the blueprint yet")).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.goto("/settings");
    await expect(page.getByText(secret)).toHaveCount(0);
  });
});

test.describe("as an approver", () => {
  test.use({ storageState: storageStateFor("approver") });

  test("sees no blueprint form: Settings and its versions are not for this role", async ({ page }) => {
    for (const path of ["/settings", "/settings/blueprint/versions"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Your role cannot open this page" })).toBeVisible();
      await expect(page.getByRole("form", { name: "Blueprint editor" })).toHaveCount(0);
    }
  });
});
