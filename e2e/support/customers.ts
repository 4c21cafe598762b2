import type { Page } from "@playwright/test";
import type pg from "pg";
import { MSSP } from "./accounts";
import { expect } from "./fixtures";

/** The demo workspace every signed-in staff member of Northwind Defense works in. */
export async function demoWorkspaceId(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE "tenantId" = $1`, [MSSP.tenantId]);
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}

/** Opens the add dialog and submits it; returns the dialog to read the outcome from. */
export async function submitAddForm(page: Page, name: string, domain: string) {
  await page.goto("/customers");
  await page.getByRole("button", { name: "Add customer" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a customer" });
  await dialog.getByLabel("Customer name").fill(name);
  await dialog.getByLabel("Primary domain").fill(domain);
  await dialog.getByRole("button", { name: "Add customer" }).click();
  return dialog;
}

/** What the consent callback records once consent is proven, written directly for UI tests. */
export async function markConsented(db: pg.Client, customerId: string, tenantId: string): Promise<void> {
  await db.query(
    `UPDATE "Customer" SET "tenantId" = $2, status = 'consented', "consentedAt" = now(), "tenantName" = 'Consented org',
       "grantedRoles" = ARRAY['EntitlementManagement.ReadWrite.All','Group.ReadWrite.All','GroupMember.ReadWrite.All','CrossTenantInformation.ReadBasic.All','RoleManagement.ReadWrite.Defender','Organization.Read.All']
     WHERE id = $1`,
    [customerId, tenantId],
  );
}

/** The page never scrolls sideways: it is no wider than the viewport. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // Name the elements that stick out, so a failure says where to look.
    const clipped = (el: Element): boolean => {
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== "visible") return true;
      }
      return false;
    };
    const sticking = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el))
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").slice(0, 40)}"`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest: sticking };
  });
  expect(scrollWidth, `page width; sticking out: ${widest.join(" | ")}`).toBeLessThanOrEqual(innerWidth);
}
