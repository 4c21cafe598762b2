import { CUSTOMERS, MSSP, storageStateFor } from "./support/accounts";
import { expect, signInToPortal, test } from "./support/fixtures";

const NAV = {
  admin: ["Dashboard", "Customers", "Drift", "Approvals", "Access matrix", "Launchpad", "My access", "Audit log", "Settings"],
  approver: ["Dashboard", "Approvals", "Access matrix", "Launchpad", "My access"],
  analyst: ["Launchpad", "My access"],
} as const;

for (const role of ["admin", "approver", "analyst"] as const) {
  test.describe(`signed in as ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test("sees exactly the navigation the role may use", async ({ page }) => {
      await page.goto("/dashboard");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText([...NAV[role]]);
      await expect(page.getByTestId("workspace-name")).toHaveText("Northwind Defense");
      await expect(page.getByTestId("user-role")).toHaveText(role[0]!.toUpperCase() + role.slice(1));
    });
  });
}

test.describe("as an analyst", () => {
  test.use({ storageState: storageStateFor("analyst") });

  test("admin pages answer 403, not their content", async ({ page }) => {
    for (const path of ["/customers", "/audit", "/settings", "/approvals", "/access"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Your role cannot open this page" })).toBeVisible();
    }
  });
});

test("a user of a customer tenant is refused and gets no session", async ({ page }) => {
  await signInToPortal(page, CUSTOMERS.contoso.admin);
  await expect(page).toHaveURL(/\/sign-in\/refused\?reason=unregistered-tenant/);
  await expect(page.getByRole("heading", { name: "Your organization is not registered in this Gatehouse" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
});

test("an MSSP user without a Gatehouse app role is refused", async ({ page }) => {
  await signInToPortal(page, MSSP.noRole);
  await expect(page).toHaveURL(/\/sign-in\/refused\?reason=no-role/);
  await expect(page.getByRole("heading", { name: "You have no Gatehouse role" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a protected page sends an anonymous visitor to sign-in and back after it", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faudit/);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await page.getByLabel("Username").fill(MSSP.admin);
  await page.getByLabel("Password").fill("Gatehouse-demo-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Signed in", exact: true }).first()).toBeVisible();
});

test("signing out ends the session and is audited", async ({ page }) => {
  await signInToPortal(page, MSSP.admin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await signInToPortal(page, MSSP.admin, "/audit");
  await expect(page.getByRole("cell", { name: "Signed out", exact: true }).first()).toBeVisible();
});

test("the sign-in page lists the demo accounts of every role", async ({ page }) => {
  await page.goto("/sign-in");
  const demo = page.getByRole("region", { name: "Demo accounts" });
  for (const account of [MSSP.admin, MSSP.approver, MSSP.analyst, CUSTOMERS.contoso.admin]) {
    await expect(demo.getByText(account)).toBeVisible();
  }
  await expect(demo.getByText("Gatehouse-demo-1").first()).toBeVisible();
});
