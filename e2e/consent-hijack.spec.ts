// Issue 8, section 1: another workspace of the same deployment tries to take a tenant over
// through its own consent link, without the tenant's administrator signing in.
import type pg from "pg";
import { MSSP, storageStateFor } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { insertForeignWorkspace } from "./support/foreign-workspace";
import { addCustomer, answerConsent, callbackUrl, customerRow, insertForeignInvite, signedInUrl, signInForConsent, startConsent } from "./support/onboarding";
import { createTenant } from "./support/tenants";

test.use({ storageState: storageStateFor("admin") });

const tenantHolders = async (db: pg.Client, tenantId: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE "tenantId" = $1`, [tenantId])).rows[0]!.n;

test("a workspace that never signs in cannot claim the MSSP's own tenant through the callback", async ({ browser, db }) => {
  // Workspace B adds a customer with the domain of this deployment's MSSP tenant, which has the
  // app's service principal, presses its own consent button and calls the callback directly.
  const b = await insertForeignWorkspace(db);
  const claim = await insertForeignInvite(db, b.workspaceId, "northwinddefense.com");
  const { page: attacker, state } = await startConsent(browser, `http://localhost:3100${claim.link}`);
  await attacker.goto(callbackUrl({ admin_consent: "True", tenant: MSSP.tenantId, state }));
  await expect(attacker.getByRole("heading", { name: "This response cannot be trusted" })).toBeVisible();
  // Nor can it make up the sign-in: the authority does not know the code.
  await attacker.goto(signedInUrl({ code: "1.forged-code", state }));
  await expect(attacker.getByRole("heading", { name: "The sign-in could not be confirmed" })).toBeVisible();
  expect(await customerRow(db, claim.customerId)).toEqual({ status: "invited", tenantId: null, consentedAt: null });

  // Even the MSSP's real admin, tricked into signing in on B's link, cannot make it a customer.
  const tricked = await startConsent(browser, `http://localhost:3100${claim.link}`);
  await answerConsent(tricked.page, MSSP.admin, "Accept");
  await expect(tricked.page.getByRole("heading", { name: "This tenant is an MSSP's own tenant" })).toBeVisible();
  expect(await tenantHolders(db, MSSP.tenantId)).toBe(0);
});

test("a link revoked while its admin was at Microsoft leaves a service principal nobody else can claim", async ({ page, browser, db, request }) => {
  // A tenant of this test's own: adding a customer resolves its domain, and a tenant is one customer's.
  const tenant = await createTenant(request, "Revoked mid-flow");
  const victim = await addCustomer(page, "Revoked mid-flow Ltd", tenant.domain);
  const { page: admin } = await startConsent(browser, victim.link);
  expect(await signInForConsent(admin, tenant.admin)).toBeTruthy();

  // The MSSP withdraws the link while the admin reads Microsoft's consent prompt.
  await page.goto(`/customers/${victim.id}`);
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this consent link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByTestId("invite-row").first()).toContainText("Revoked");
  const callback = admin.waitForRequest(/\/api\/consent\/callback\?/);
  await admin.getByRole("button", { name: "Accept" }).click();
  const answer = (await callback).url();
  await expect(admin.getByRole("heading", { name: "This consent link was withdrawn" })).toBeVisible();

  // Workspace B now tries to claim the tenant, whose service principal exists.
  const b = await insertForeignWorkspace(db);
  const claim = await insertForeignInvite(db, b.workspaceId, tenant.domain);
  const { page: attacker, state } = await startConsent(browser, `http://localhost:3100${claim.link}`);
  await attacker.goto(callbackUrl({ admin_consent: "True", tenant: tenant.tenantId, state }));
  await expect(attacker.getByRole("heading", { name: "This response cannot be trusted" })).toBeVisible();
  // Replaying the victim's genuine answer does not help either.
  await attacker.goto(answer);
  await expect(attacker.getByRole("heading", { name: "This consent link was withdrawn" })).toBeVisible();
  expect(await tenantHolders(db, tenant.tenantId)).toBe(0);
  expect(await customerRow(db, claim.customerId)).toEqual({ status: "invited", tenantId: null, consentedAt: null });
});
