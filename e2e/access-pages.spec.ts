import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type pg from "pg";
import { MSSP, storageStateFor } from "./support/accounts";
import { insertForeignWorkspace } from "./support/foreign-workspace";
import { expect, test } from "./support/fixtures";

const DAY = 86_400_000;

/** Screenshots for review at desktop and phone widths (kept out of git), and no sideways scroll at 390 px. */
async function checkWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `/tmp/pages-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

interface Seeded {
  customerName: string;
  domain: string;
  packageGraphId: string;
  justification: string;
}

/**
 * What a sync of one customer would have written: an active customer with a Tier 1 package, the
 * analyst active for 5 more days, a colleague's assignment in 50 days, and a pending request.
 * Written straight to the database: the sync itself is tested against the emulator in lib/sync.
 */
async function seedSyncedCustomer(db: pg.Client): Promise<Seeded> {
  const tag = randomUUID().slice(0, 8);
  const { rows: ws } = await db.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE "tenantId" = $1`, [MSSP.tenantId]);
  const workspaceId = ws[0]!.id;
  const users = await db.query<{ id: string; email: string }>(`SELECT id, email FROM "PortalUser" WHERE "workspaceId" = $1`, [workspaceId]);
  const idOf = (email: string) => users.rows.find((u) => u.email.toLowerCase() === email)!.id;
  const customerId = randomUUID();
  const customerName = `Woodgrove ${tag}`;
  const domain = `woodgrove-${tag}.example`;
  const packageGraphId = randomUUID();
  const justification = `On-call rotation ${tag}`;
  await db.query(
    `INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", status, "tenantId", "updatedAt") VALUES ($1, $2, $3, $4, 'active', $5, now())`,
    [customerId, workspaceId, customerName, domain, randomUUID()],
  );
  await db.query(
    `INSERT INTO "TenantObject" (id, "workspaceId", "customerId", key, kind, "graphId", "displayName", "updatedAt") VALUES ($1, $2, $3, 'package:tier1', 'accessPackage', $4, 'Tier 1 Analyst', now())`,
    [randomUUID(), workspaceId, customerId, packageGraphId],
  );
  const assign = (userId: string, days: number) =>
    db.query(
      `INSERT INTO "SyncedAssignment" (id, "workspaceId", "customerId", "graphId", "accessPackageId", "accessPackageName", tier, state, "portalUserId", "expiresAt")
       VALUES ($1, $2, $3, $4, $5, 'Tier 1 Analyst', 'tier1', 'delivered', $6, $7)`,
      [randomUUID(), workspaceId, customerId, randomUUID(), packageGraphId, userId, new Date(Date.now() + days * DAY)],
    );
  await assign(idOf(MSSP.analyst), 5);
  await assign(idOf(MSSP.approver), 50);
  await db.query(
    `INSERT INTO "SyncedRequest" (id, "workspaceId", "customerId", "graphId", "accessPackageId", "accessPackageName", tier, state, justification, "requestorName", "requestorEmail", "portalUserId", "requestedAt")
     VALUES ($1, $2, $3, $4, $5, 'Tier 1 Analyst', 'tier1', 'pendingApproval', $6, 'Alex Analyst', $7, $8, now() - interval '3 days')`,
    [randomUUID(), workspaceId, customerId, randomUUID(), packageGraphId, justification, MSSP.analyst, idOf(MSSP.analyst)],
  );
  return { customerName, domain, packageGraphId, justification };
}

test.describe("as an analyst", () => {
  test.use({ storageState: storageStateFor("analyst") });

  test("opens /me, sees the status and follows a request link", async ({ page, db }) => {
    const seeded = await seedSyncedCustomer(db);
    await page.goto("/me");
    // With many customers the page shows 25 at a time: the analyst searches for this one.
    await page.getByRole("searchbox", { name: "Search customers" }).fill(seeded.customerName);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(`/me?q=${encodeURIComponent(seeded.customerName).replace(/%20/g, "+")}`);
    const card = page.getByRole("listitem").filter({ hasText: seeded.customerName });
    await expect(card.getByTestId("my-status")).toContainText("Active");
    const statuses = page.getByRole("navigation", { name: "My status" });
    await expect(statuses.getByRole("link", { name: "All (1)" })).toHaveAttribute("aria-current", "true");
    await expect(statuses.getByRole("link", { name: "Active (1)" })).toBeVisible();
    await expect(statuses.getByRole("link", { name: "Pending (0)" })).toBeVisible();
    // Active wins over the pending request: the Pending view of this search is empty and says so.
    await statuses.getByRole("link", { name: "Pending (0)" }).click();
    await expect(page.getByRole("heading", { name: `No customer matches "${seeded.customerName}"` })).toBeVisible();
    await statuses.getByRole("link", { name: "Active (1)" }).click();
    await expect(page).toHaveURL(/status=active/);
    await expect(statuses.getByRole("link", { name: "Active (1)" })).toHaveAttribute("aria-current", "true");
    await expect(card.getByTestId("my-status")).toContainText("Active");
    const link = card.getByRole("link", { name: "Tier 1 Analyst" });
    const href = `https://myaccess.microsoft.com/@${seeded.domain}#/access-packages/${seeded.packageGraphId}`;
    await expect(link).toHaveAttribute("href", href);
    // No internet: Microsoft's page is answered locally, and we check where the link took us.
    await page.context().route("https://myaccess.microsoft.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>My Access</title>" }));
    const [popup] = await Promise.all([page.waitForEvent("popup"), link.click()]);
    await expect(popup).toHaveURL(href);
    await popup.close();
    await checkWidths(page, "me");
  });
});

test.describe("as an approver", () => {
  test.use({ storageState: storageStateFor("approver") });

  test("sees the pending request and its My Access approvals link", async ({ page, db }) => {
    const seeded = await seedSyncedCustomer(db);
    await page.goto("/approvals");
    const row = page.getByTestId("pending-request").filter({ hasText: seeded.customerName });
    await expect(row).toContainText(seeded.justification);
    await expect(row).toContainText("3 days ago");
    await expect(row.getByRole("link", { name: "Open in My Access" })).toHaveAttribute("href", `https://myaccess.microsoft.com/@${seeded.domain}#/approvals`);
    await checkWidths(page, "approvals");
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("filters expiries and downloads the CSV", async ({ page, db }) => {
    const seeded = await seedSyncedCustomer(db);
    await page.goto("/dashboard");
    await page.getByRole("navigation", { name: "Expiry window" }).getByRole("link", { name: "7 days" }).click();
    await expect(page).toHaveURL(/window=7/);
    const rows = page.getByTestId("expiry-row").filter({ hasText: seeded.customerName });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Alex");
    await checkWidths(page, "dashboard");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download this list as CSV" }).click()]);
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    const lines = csv.split("\r\n").filter((l) => l.includes(seeded.customerName));
    expect(lines).toHaveLength(1);
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Customer,Person,Email,Staff member,Tier,Access package,Expires (UTC),Days left");

    // Sorting by person re-orders the list and its CSV alike.
    await page.getByRole("columnheader", { name: "Person" }).getByRole("link").click();
    await expect(page).toHaveURL(/sort=person/);
    await expect(page.getByRole("link", { name: "Download this list as CSV" })).toHaveAttribute("href", "/api/exports/expiries?window=7&sort=person");

    // The dashboard's pending approvals (the oldest first, so perhaps not this test's), with their age and My Access link.
    const approval = page.getByTestId("dashboard-approval").first();
    await expect(approval).toContainText(/asked .* ago/);
    await expect(approval.getByRole("link", { name: "Open in My Access" })).toHaveAttribute("href", /^https:\/\/myaccess\.microsoft\.com\/@[^#]+#\/approvals$/);

    // Sync now: the progress runs to its end. The seeded tenants are unknown at Microsoft, so
    // their syncs fail, and a failed attempt counts as done (it is reported under attention).
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByTestId("sync-progress")).toHaveText(/Syncing: \d+ of \d+ customers done|Synced (\d+) of \1 customers/);
    await expect(page.getByTestId("sync-progress")).toHaveText(/Synced (\d+) of \1 customers/, { timeout: 30_000 });

    // The matrix is paged in the database: a search for the customer narrows the columns to it.
    await page.goto("/access");
    await page.getByLabel("Search staff or customers").fill(seeded.customerName);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=Woodgrove/);
    await expect(page.getByRole("columnheader", { name: seeded.customerName })).toBeVisible();
    const alexRow = page.getByTestId("matrix-row").filter({ hasText: "alex@northwinddefense.com" });
    await expect(alexRow.getByTestId("matrix-cell")).toContainText("Tier 1 Analyst");
    await expect(alexRow.getByTestId("matrix-cell")).toContainText("5 d left");
    await page.getByRole("link", { name: "Expiring in 30 days" }).click();
    await expect(page).toHaveURL(/filter=expiring/);
    await expect(page.getByTestId("matrix-row").filter({ hasText: "approver@northwinddefense.com" })).toHaveCount(0);
    await expect(alexRow).toHaveCount(1);
    // A tier filter keeps the search and filter; Alex holds Tier 1 only.
    const tiers = page.getByRole("navigation", { name: "Tier" });
    await expect(tiers.getByRole("link", { name: "All tiers" })).toHaveAttribute("aria-current", "true");
    await tiers.locator('a[href*="tier=tier2"]').click();
    await expect(page).toHaveURL(/tier=tier2/);
    await expect(page).toHaveURL(/filter=expiring/);
    await expect(tiers.locator('a[href*="tier=tier2"]')).toHaveAttribute("aria-current", "true");
    await expect(alexRow).toHaveCount(0);
    await tiers.locator('a[href*="tier=tier1"]').click();
    await expect(alexRow).toHaveCount(1);
    await checkWidths(page, "access-matrix");
    const [matrixDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const matrixCsv = await (await matrixDownload.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(matrixCsv.split("\r\n").filter((l) => l.includes(seeded.customerName))).toHaveLength(1);
  });

  test("sees nothing of another workspace on any new page, route or export", async ({ page, request, db }) => {
    const { workspaceId: b, customerId: customerB, customerName } = await insertForeignWorkspace(db);
    await db.query(`UPDATE "Customer" SET status = 'active', "tenantId" = $2 WHERE id = $1`, [customerB, randomUUID()]);
    const personB = randomUUID();
    await db.query(
      `INSERT INTO "PortalUser" (id, "workspaceId", "objectId", "tenantId", name, email, role, "updatedAt") VALUES ($1, $2, $3, $4, 'Victim Person', 'victim@b.example', 'analyst', now())`,
      [personB, b, randomUUID(), randomUUID()],
    );
    await db.query(
      `INSERT INTO "SyncedAssignment" (id, "workspaceId", "customerId", "graphId", "accessPackageId", "accessPackageName", state, "portalUserId", "expiresAt") VALUES ($1, $2, $3, $4, $4, 'Secret package', 'delivered', $5, now() + interval '3 days')`,
      [randomUUID(), b, customerB, randomUUID(), personB],
    );
    await db.query(
      `INSERT INTO "SyncedRequest" (id, "workspaceId", "customerId", "graphId", "accessPackageId", "accessPackageName", state, "portalUserId", "requestedAt", justification) VALUES ($1, $2, $3, $4, $4, 'Secret package', 'pendingApproval', $5, now(), 'Secret justification')`,
      [randomUUID(), b, customerB, randomUUID(), personB],
    );
    for (const path of ["/dashboard?window=90", "/dashboard?window=90&sort=person", "/approvals", "/access", `/access?q=${encodeURIComponent(customerName)}`, "/access?filter=expiring", "/me"]) {
      await page.goto(path);
      await expect(page.getByText(customerName), path).toHaveCount(0);
      await expect(page.getByText("Secret package"), path).toHaveCount(0);
    }
    // Searched for by name, /me finds nothing (the name shows only as what was searched for).
    await page.goto(`/me?q=${encodeURIComponent(customerName)}`);
    await expect(page.getByRole("heading", { name: `No customer matches "${customerName}"` })).toBeVisible();
    await expect(page.getByRole("list", { name: "My access per customer" })).toHaveCount(0);
    await expect(page.getByText("Secret package")).toHaveCount(0);
    expect((await page.goto(`/people/${personB}`))?.status()).toBe(404);
    const since = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    for (const path of ["/api/dashboard?window=90", `/api/dashboard?window=90&sort=customer&since=${since}`, "/api/exports/expiries?window=90", "/api/exports/expiries?window=90&sort=person", "/api/exports/matrix", `/api/exports/matrix?q=${encodeURIComponent(customerName)}`]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      const body = await res.text();
      expect(body, path).not.toContain(customerName);
      expect(body, path).not.toContain("Secret");
    }
  });
});
