import { MSSP, storageStateFor, type StaffRole } from "./support/accounts";
import { expect, signInToPortal, test as setup } from "./support/fixtures";

const ACCOUNTS: Record<StaffRole, string> = { admin: MSSP.admin, approver: MSSP.approver, analyst: MSSP.analyst };

for (const role of Object.keys(ACCOUNTS) as StaffRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signInToPortal(page, ACCOUNTS[role]);
    // Admins and approvers land on the dashboard; an analyst's landing page is My access.
    await expect(page).toHaveURL(role === "analyst" ? /\/me$/ : /\/dashboard$/);
    await expect(page.getByTestId("user-role")).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
