// Settings → Rollout: an admin previews what a blueprint change does per customer, rolls it out
// and watches it finish (one customer fails and is listed); other roles are refused, and another
// workspace's rollout is not found.
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import type pg from "pg";
import { DEFAULT_BLUEPRINT, parseBlueprint } from "../lib/provisioning/blueprint";
import { storageStateFor } from "./support/accounts";
import { demoWorkspaceId } from "./support/customers";
import { insertForeignWorkspace } from "./support/foreign-workspace";
import { expectFitsViewport, PHONE, SCREENSHOT_DIR } from "./support/layout";
import { expect, test } from "./support/fixtures";
import { addCustomer, answerConsent, startConsent } from "./support/onboarding";
import { createTenant } from "./support/tenants";

const LICENSED = ["AAD_PREMIUM_P2", "Microsoft_Entra_ID_Governance"];

async function insertForeignRollout(db: pg.Client): Promise<string> {
  const foreign = await insertForeignWorkspace(db);
  const id = randomUUID();
  await db.query(`INSERT INTO "Rollout" (id, "workspaceId", "blueprintVersion", status, concurrency, actor, total, "updatedAt") VALUES ($1, $2, 1, 'completed', 4, 'cli', 0, now())`, [id, foreign.workspaceId]);
  return id;
}

/** The page as it is now, at a phone's width: no sideways scroll, and a screenshot to look at. */
async function atPhoneWidth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: PHONE, height: 900 });
  await expectFitsViewport(page, name);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${PHONE}-full.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-1280-full.png`), fullPage: true });
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("previews a blueprint change per customer, rolls it out and follows it to completion", async ({ page, browser, request, db }) => {
    test.setTimeout(180_000);
    const workspaceId = await demoWorkspaceId(db);
    // A customer provisioned the real way (consent → the worker's apply) …
    const tenant = await createTenant(request, "Rollout", { licenses: LICENSED });
    const customer = await addCustomer(page, `Rollout ${tenant.tenantId.slice(0, 8)}`, tenant.domain);
    const { page: consentPage } = await startConsent(browser, customer.link);
    await answerConsent(consentPage, tenant.admin, "Accept");
    await consentPage.context().close();
    await expect.poll(async () => (await db.query(`SELECT status FROM "Customer" WHERE id = $1`, [customer.id])).rows[0]?.status, { timeout: 60_000 }).toBe("active");
    // … and one whose tenant Gatehouse cannot reach, which fails.
    const broken = { id: randomUUID(), name: `Rollout Broken ${randomUUID().slice(0, 8)}` };
    await db.query(`INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "tenantId", status, "updatedAt") VALUES ($1, $2, $3, $4, $5, 'active', now())`, [broken.id, workspaceId, broken.name, `${broken.id.slice(0, 8)}-broken.example`, randomUUID()]);

    try {
      // A new blueprint version: Tier 1 access expires after 180 days.
      const { rows } = await db.query<{ version: number; definition: unknown }>(`SELECT version, definition FROM "Blueprint" WHERE "workspaceId" = $1 ORDER BY version DESC LIMIT 1`, [workspaceId]);
      const current = rows[0] ? parseBlueprint(rows[0].definition) : DEFAULT_BLUEPRINT;
      const changed = { ...current, accessPackages: current.accessPackages.map((p) => (p.key === "tier1" ? { ...p, policy: { ...p.policy, expirationDays: 180 } } : p)) };
      const version = (rows[0]?.version ?? 0) + 1;
      await db.query(`INSERT INTO "Blueprint" (id, "workspaceId", version, definition) VALUES ($1, $2, $3, $4)`, [randomUUID(), workspaceId, version, JSON.stringify(changed)]);

      await page.goto("/settings");
      await page.getByRole("link", { name: "Open rollout" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Blueprint rollout" })).toBeVisible();
      const preview = page.getByTestId("rollout-preview");
      const ours = preview.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Rollout ${tenant.tenantId.slice(0, 8)}` }) });
      await expect(ours).toContainText("1 change(s)", { timeout: 30_000 });
      await expect(ours).toContainText("expiration");
      await expect(preview.getByRole("listitem").filter({ hasText: broken.name })).toContainText("unreadable");
      await atPhoneWidth(page, "rollout-preview");

      const { rows: counted } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE "workspaceId" = $1 AND status IN ('active', 'needs_attention') AND "tenantId" IS NOT NULL`, [workspaceId]);
      await page.getByRole("button", { name: `Roll out to ${counted[0]!.n} customer` }).click();
      const dialog = page.getByRole("dialog", { name: `Roll out blueprint version ${version}?` });
      await dialog.getByRole("button", { name: "Start rollout" }).click();
      await expect(dialog).toBeHidden();

      await expect(page.getByRole("heading", { name: "Current rollout" })).toBeVisible();
      const rollout = page.getByTestId("rollout");
      await expect(rollout.getByTestId("rollout-status")).toHaveText("completed", { timeout: 90_000 });
      await expect(rollout.getByTestId("rollout-progress")).toHaveText(`${counted[0]!.n} of ${counted[0]!.n} done`);
      const failed = rollout.getByTestId("rollout-failed");
      await expect(failed.getByRole("link", { name: broken.name })).toHaveAttribute("href", `/customers/${broken.id}`);
      await expect(failed.getByRole("listitem").filter({ hasText: broken.name })).toContainText(/failed|could not|tenant|consent/i);
      await atPhoneWidth(page, "rollout-completed");
      const { rows: ran } = await db.query(`SELECT rc.status, rc.changes FROM "RolloutCustomer" rc WHERE rc."customerId" = $1`, [customer.id]);
      expect(ran).toEqual([{ status: "succeeded", changes: 1 }]);

      // Another start while … none is active any more: the page is back to its preview and lists the rollout.
      await page.reload();
      await expect(page.getByTestId("past-rollouts").getByRole("link", { name: `Blueprint version ${version}` }).first()).toBeVisible();
    } finally {
      await db.query(`DELETE FROM "Customer" WHERE id = $1`, [broken.id]);
    }
  });

  test("another workspace's rollout is not found, as a page and through the API", async ({ page, db }) => {
    const foreignId = await insertForeignRollout(db);
    const response = await page.goto(`/settings/rollout/${foreignId}`);
    expect(response?.status()).toBe(404);
    const api = await page.request.get(`/api/rollouts/${foreignId}`);
    expect(api.status()).toBe(404);
    const pause = await page.request.get(`/api/rollouts/not-a-uuid`);
    expect(pause.status()).toBe(404);
  });
});

for (const role of ["approver", "analyst"] as const) {
  test.describe(`as ${role === "approver" ? "an approver" : "an analyst"}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test("the rollout page and its API are refused", async ({ page, db }) => {
      const response = await page.goto("/settings/rollout");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Your role cannot open this page" })).toBeVisible();
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Rollout" LIMIT 1`);
      const api = await page.request.get(`/api/rollouts/${rows[0]?.id ?? randomUUID()}`);
      expect(api.status()).toBe(403);
      expect((await page.request.get("/api/rollouts/preview")).status()).toBe(403);
    });
  });
}
