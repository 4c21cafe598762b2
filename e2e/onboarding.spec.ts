import { CUSTOMERS, MSSP, storageStateFor } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { addCustomer, answerConsent, callbackUrl, customerRow, expectUnchanged, signInForConsent, startConsent } from "./support/onboarding";
import { createTenant } from "./support/tenants";

test.use({ storageState: storageStateFor("admin") });

test("an admin onboards a customer whose global admin grants consent", async ({ page, browser, db }) => {
  const customer = await addCustomer(page, "Contoso", CUSTOMERS.contoso.domain);
  expect(customer.link).toMatch(/^http:\/\/localhost:3100\/consent\/[A-Za-z0-9_-]{43}$/);

  const { page: customerPage } = await startConsent(browser, customer.link);
  const callback = await answerConsent(customerPage, CUSTOMERS.contoso.admin, "Accept");
  await expect(customerPage.getByRole("heading", { name: "Consent granted" })).toBeVisible();
  await expect(customerPage.getByText("Contoso · requested by Northwind Defense")).toBeVisible();
  // The result URL is bound to the flow: opening it again shows the same outcome.
  const resultUrl = customerPage.url();
  expect(resultUrl).not.toContain("invite=");
  await customerPage.reload();
  await expect(customerPage.getByRole("heading", { name: "Consent granted" })).toBeVisible();

  await page.goto(`/customers/${customer.id}`);
  // Provisioning starts on consent, so the status may already have moved on.
  await expect(page.getByTestId("customer-status")).toHaveText(/Consented|Provisioning|Active/);
  await expect(page.getByTestId("tenant-id")).toHaveText(CUSTOMERS.contoso.tenantId);
  await expect(page.getByRole("link", { name: "Microsoft Defender portal" })).toHaveAttribute(
    "href",
    `https://security.microsoft.com/?tid=${CUSTOMERS.contoso.tenantId}`,
  );
  await expect(page.getByRole("cell", { name: "Consent granted", exact: true })).toBeVisible();
  await expect(page.getByTestId("consent-granted-by")).toContainText("Contoso Global Admin (admin@contoso.com)");
  await expect(page.getByRole("cell", { name: "Contoso Global Admin (customer admin)" }).first()).toBeVisible();
  await expect(page.getByText("The consent lacks permissions Gatehouse needs")).toHaveCount(0);

  // Analysts find the customer on their launchpad with its portal links.
  const analyst = await browser.newContext({ storageState: storageStateFor("analyst") });
  const launchpad = await analyst.newPage();
  // 25 customers a page: the analyst searches by domain.
  await launchpad.goto("/launchpad?q=contoso.com");
  const row = launchpad.getByRole("row").filter({ hasText: "Contoso" });
  await expect(row.getByRole("link", { name: "My Access" })).toHaveAttribute("href", "https://myaccess.microsoft.com/@contoso.com");
  await expect(row.getByRole("link", { name: "Defender portal" })).toHaveAttribute(
    "href",
    `https://security.microsoft.com/?tid=${CUSTOMERS.contoso.tenantId}`,
  );
  await analyst.close();

  // Replaying Microsoft's redirect changes nothing.
  await customerPage.goto(callback);
  await expect(customerPage.getByRole("heading", { name: "This consent link was already used" })).toBeVisible();
  expect((await customerRow(db, customer.id))?.tenantId).toBe(CUSTOMERS.contoso.tenantId);
  // …and the earlier result URL still shows what that flow decided.
  await customerPage.goto(resultUrl);
  await expect(customerPage.getByRole("heading", { name: "Consent granted" })).toBeVisible();

  // A consent that lacks a permission (say the app registration changed) is flagged to the admin.
  await db.query(`UPDATE "Customer" SET "grantedRoles" = array_remove("grantedRoles", 'GroupMember.ReadWrite.All') WHERE id = $1`, [customer.id]);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "The consent lacks permissions Gatehouse needs" })).toContainText(
    "GroupMember.ReadWrite.All",
  );

  // The used link now says so.
  await customerPage.goto(customer.link);
  await expect(customerPage.getByRole("heading", { name: "This consent link was already used" })).toBeVisible();

  // Another customer record for the same tenant is refused when it is added, naming the customer.
  await page.goto("/customers");
  await page.getByRole("button", { name: "Add customer" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a customer" });
  await dialog.getByLabel("Customer name").fill("Contoso (again)");
  await dialog.getByLabel("Primary domain").fill("contoso.onmicrosoft.com");
  await dialog.getByRole("button", { name: "Add customer" }).click();
  await expect(dialog.getByText("contoso.onmicrosoft.com belongs to the same Microsoft tenant as Contoso (contoso.com), which is already your customer.")).toBeVisible();
});

test("the customer admin cancels at Microsoft", async ({ page, browser, db }) => {
  const customer = await addCustomer(page, "Fabrikam cancels", CUSTOMERS.fabrikam.domain);
  const { page: customerPage } = await startConsent(browser, customer.link);
  await answerConsent(customerPage, CUSTOMERS.fabrikam.admin, "Cancel");
  await expect(customerPage.getByRole("heading", { name: "Consent was not granted" })).toBeVisible();
  await expect(customerPage.getByText("What Microsoft reported: You declined the permissions on Microsoft's consent screen.")).toBeVisible();
  await expect(customerPage.getByText(/AADSTS/)).toHaveCount(0);
  await expectUnchanged(db, customer.id);

  await page.goto(`/customers/${customer.id}`);
  const alert = page.getByRole("alert").filter({ hasText: "The last consent attempt failed" });
  await expect(alert).toContainText("declined");
  await expect(alert).toContainText("Reported by the redirect (unverified): AADSTS65004");
  await expect(page.getByTestId("customer-status")).toHaveText("Waiting for consent");
});

test("a user who is not an administrator is told which role is needed", async ({ page, browser, db, request }) => {
  const tenant = await createTenant(request, "Nonadmin");
  const customer = await addCustomer(page, "Non-admin Ltd", tenant.domain);
  const { page: customerPage } = await startConsent(browser, customer.link);
  expect(await signInForConsent(customerPage, tenant.user)).toBeNull();
  await expect(customerPage.getByRole("heading", { name: "An administrator role is needed" })).toBeVisible();
  await expect(customerPage.getByText(/Global Administrator or Privileged Role Administrator role/)).toBeVisible();
  await expectUnchanged(db, customer.id);

  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole("cell", { name: "Consent link holder (not signed in)" }).first()).toBeVisible();
});

test("a superseded tab says a newer attempt replaced it", async ({ page, browser, db, request }) => {
  const tenant = await createTenant(request, "Two tabs");
  const customer = await addCustomer(page, "Two tabs Ltd", tenant.domain);
  const { page: firstTab } = await startConsent(browser, customer.link);
  await startConsent(browser, customer.link);
  expect(await signInForConsent(firstTab, tenant.admin)).toBeNull();
  await expect(firstTab.getByRole("heading", { name: "A newer attempt replaced this one" })).toBeVisible();
  await expectUnchanged(db, customer.id);
});

test("forged, tampered and expired answers are refused and change nothing", async ({ page, browser, db }) => {
  const customer = await addCustomer(page, "Tailspin Toys", CUSTOMERS.tailspin.domain);
  const { page: visitor, state: signInState } = await startConsent(browser, customer.link);

  // A state Gatehouse never signed.
  await visitor.goto(callbackUrl({ admin_consent: "True", tenant: CUSTOMERS.tailspin.tenantId, state: "eyJpIjoieCJ9.forged" }));
  await expect(visitor.getByRole("heading", { name: "This response cannot be trusted" })).toBeVisible();

  // The sign-in step's state is no consent answer: nobody signed in yet.
  await visitor.goto(callbackUrl({ admin_consent: "True", tenant: CUSTOMERS.tailspin.tenantId, state: signInState }));
  await expect(visitor.getByRole("heading", { name: "This response cannot be trusted" })).toBeVisible();

  // The admin signs in: a genuine consent-step state, with the tenant swapped for one where
  // Gatehouse has consent (the MSSP's own). It must be the tenant the admin signed in to.
  const first = await startConsent(browser, customer.link);
  const consentStep = new URL((await signInForConsent(first.page, CUSTOMERS.tailspin.admin))!);
  expect(consentStep.pathname).toBe(`/${CUSTOMERS.tailspin.tenantId}/v2.0/adminconsent`);
  const state = consentStep.searchParams.get("state")!;
  await visitor.goto(callbackUrl({ admin_consent: "True", tenant: MSSP.tenantId, state }));
  await expect(visitor.getByRole("heading", { name: "The tenant does not match" })).toBeVisible();

  // The state is spent: replaying it with the right tenant is refused too.
  await visitor.goto(callbackUrl({ admin_consent: "True", tenant: CUSTOMERS.tailspin.tenantId, state }));
  await expect(visitor.getByRole("heading", { name: "This response was already used" })).toBeVisible();

  // The redirect reports an error: plain words only, never its text.
  const second = await startConsent(browser, customer.link);
  const secondState = new URL((await signInForConsent(second.page, CUSTOMERS.tailspin.admin))!).searchParams.get("state")!;
  await second.page.goto(
    callbackUrl({ admin_consent: "True", error: "server_error", error_description: "AADSTS50000: Call +1 555 0100 to fix this.", state: secondState }),
  );
  await expect(second.page.getByRole("heading", { name: "Microsoft reported a problem" })).toBeVisible();
  await expect(second.page.getByText(/555 0100|AADSTS|Microsoft said/)).toHaveCount(0);

  // Consent that was never granted at Microsoft cannot be claimed.
  const third = await startConsent(browser, customer.link);
  const thirdState = new URL((await signInForConsent(third.page, CUSTOMERS.tailspin.admin))!).searchParams.get("state")!;
  await third.page.goto(callbackUrl({ admin_consent: "True", tenant: CUSTOMERS.tailspin.tenantId, state: thirdState }));
  await expect(third.page.getByRole("heading", { name: "Microsoft does not show the consent yet" })).toBeVisible();
  await expectUnchanged(db, customer.id);

  // A result URL cannot be made up.
  await visitor.goto("/consent/result?outcome=granted");
  await expect(visitor.getByRole("heading", { name: "This result link is not valid" })).toBeVisible();

  // An expired link.
  await db.query(`UPDATE "ConsentInvite" SET "expiresAt" = now() - interval '1 minute' WHERE "customerId" = $1`, [customer.id]);
  await visitor.goto(customer.link);
  await expect(visitor.getByRole("heading", { name: "This consent link has expired" })).toBeVisible();
  await expectUnchanged(db, customer.id);

  // Every refusal is in the customer's audit trail; the redirect's text is labelled as its own.
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole("cell", { name: "Consent not completed", exact: true })).toHaveCount(5);
  const { rows } = await db.query<{ text: string }>(
    `SELECT details->>'reportedByRedirect' AS text FROM "AuditEvent" WHERE target = $1 AND details ? 'reportedByRedirect'`,
    [`customer:${customer.id}`],
  );
  expect(rows.map((r) => r.text)).toContain("AADSTS50000: Call +1 555 0100 to fix this.");
});

test("an unknown or revoked link shows a clear page", async ({ page, request }) => {
  await page.goto("/consent/not-a-real-token");
  await expect(page.getByRole("heading", { name: "This consent link is not valid" })).toBeVisible();

  const customer = await addCustomer(page, "Revoked Ltd", (await createTenant(request, "Revoked")).domain);
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this consent link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByTestId("invite-row").first()).toContainText("Revoked");
  await page.goto(customer.link);
  await expect(page.getByRole("heading", { name: "This consent link was withdrawn" })).toBeVisible();

  // Re-issuing gives a new working link.
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole("button", { name: "Create consent link" }).click();
  const fresh = await page.getByLabel("Consent link").inputValue();
  expect(fresh).not.toBe(customer.link);
  await page.goto(fresh);
  await expect(page.getByRole("button", { name: "Grant consent at Microsoft" })).toBeVisible();
});

test("bad form values get clear messages and the typed values stay", async ({ page, request }) => {
  const woodgrove = await createTenant(request, "Woodgrove");
  await addCustomer(page, "Woodgrove Bank", woodgrove.domain);
  await page.goto("/customers");
  await page.getByRole("button", { name: "Add customer" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a customer" });
  await dialog.getByLabel("Customer name").fill("Woodgrove");
  await dialog.getByLabel("Primary domain").fill("https://woodgrove");
  await dialog.getByLabel("Contact email").fill("not-an-email");
  await dialog.getByRole("button", { name: "Add customer" }).click();
  await expect(dialog.getByText("Enter only the domain, without https:// or a path.")).toBeVisible();
  await expect(dialog.getByText("Enter a valid email address, or leave it empty.")).toBeVisible();
  await expect(dialog.getByLabel("Customer name")).toHaveValue("Woodgrove");

  await dialog.getByLabel("Primary domain").fill(woodgrove.domain.toUpperCase());
  await dialog.getByLabel("Contact email").fill("");
  await dialog.getByRole("button", { name: "Add customer" }).click();
  await expect(dialog.getByText(`${woodgrove.domain} already belongs to Woodgrove Bank.`)).toBeVisible();
});
