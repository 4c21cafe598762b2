import { expect, test as base, type Page } from "@playwright/test";
import pg from "pg";
import { PASSWORD } from "./accounts";

/** Signs in at the emulator's Microsoft sign-in page after the portal sent us there. */
export async function signInAtMicrosoft(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInToPortal(page: Page, username: string, callbackPath?: string): Promise<void> {
  await page.goto(callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : "/sign-in");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await signInAtMicrosoft(page, username);
}

export const test = base.extend<{ db: pg.Client; failOnConsoleErrors: void }>({
  db: async ({}, use) => {
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    await use(client);
    await client.end();
  },
  // Any console error the test did not expect is a defect (epic-stack's rule).
  failOnConsoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use();
      // 4xx responses the test provokes on purpose are logged by Chromium as resource errors.
      const unexpected = errors.filter((e) => !/Failed to load resource: the server responded with a status of (403|404)/.test(e));
      expect(unexpected, "unexpected console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
