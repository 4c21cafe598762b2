import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { embeddedPostgresPassword } from "./lib/launcher/embedded-password";
import { embeddedDatabaseUrl } from "./lib/launcher/embedded-postgres";

// The portal under test runs on its own ports with its own throw-away database, so a developer's
// `npm start` can keep running. The config is evaluated once in the runner and again in each
// worker; the runner's choices travel to the workers through the environment.
const PORT = 3100;
const EMULATOR_PORT = 8444;
const EMBEDDED_POSTGRES_PORT = 54339;
const baseURL = `http://localhost:${PORT}`;

process.env.E2E_DATABASE_NAME ??= `gatehouse_e2e_${randomBytes(5).toString("hex")}`;
function e2eDatabaseUrl(): string {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${process.env.E2E_DATABASE_NAME}`;
    return url.toString();
  }
  // The embedded server the launcher starts throw-away, with the password it reads from .data.
  const { password } = embeddedPostgresPassword(import.meta.dirname);
  return embeddedDatabaseUrl(EMBEDDED_POSTGRES_PORT, password, "gatehouse");
}
process.env.E2E_DATABASE_URL ??= e2eDatabaseUrl();
process.env.E2E_EMULATOR_URL ??= `https://localhost:${EMULATOR_PORT}`;
// Every consent test in the suite speaks from 127.0.0.1: room for all of them in one window.
process.env.E2E_CONSENT_LIMIT_PER_ADDRESS ??= "150";

const chromiumLaunch = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export default defineConfig({
  testDir: "e2e",
  // Not test-results/ itself: Playwright empties its output folder, which holds the Vitest report.
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["junit", { outputFile: "test-results/e2e-junit.xml" }]] : [["list"]],
  use: {
    baseURL,
    ignoreHTTPSErrors: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunch,
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch } },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: /auth\.setup\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch },
    },
  ],
  webServer: {
    command: "npx tsx lib/launcher/start.ts --ephemeral",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      PORT: String(PORT),
      AUTH_URL: baseURL,
      EMULATOR_PORT: String(EMULATOR_PORT),
      EMBEDDED_POSTGRES_PORT: String(EMBEDDED_POSTGRES_PORT),
      // e2e/security.spec.ts plays a proxy to speak from addresses of its own; the browser's
      // requests carry no X-Forwarded-For, so they still count as 127.0.0.1.
      TRUSTED_PROXY_HOPS: "1",
      CONSENT_RATE_LIMIT_PER_ADDRESS: process.env.E2E_CONSENT_LIMIT_PER_ADDRESS,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      ...(process.env.EMULATOR_TRAFFIC_LOG ? { EMULATOR_TRAFFIC_LOG: process.env.EMULATOR_TRAFFIC_LOG } : {}),
    },
  },
});
