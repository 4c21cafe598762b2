import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { APP_ID, authorizeUrl } from "../../emulator/entra/test-helpers";
import { redirectUrisFor, seedWithRedirects, writeDemoSeed } from "./demo-seed";

const DEMO_SEED = path.resolve(import.meta.dirname, "..", "..", "emulator", "seed", "demo.json");
let dir: string;
let emulator: RunningEmulator | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gatehouse-demo-seed-"));
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("demo seed for any portal port", () => {
  it("builds every callback URL from AUTH_URL: staff sign-in, the consent sign-in and admin consent", () => {
    expect(redirectUrisFor("http://localhost:3300")).toEqual([
      "http://localhost:3300/api/auth/callback/microsoft-entra-id",
      "http://localhost:3300/api/consent/signed-in",
      "http://localhost:3300/api/consent/callback",
    ]);
  });

  it("replaces only the Gatehouse app's redirect URIs, and refuses a seed without that app", () => {
    const seed = { tenants: [], applications: [{ appId: "a", displayName: "Other", redirectUris: ["https://x/cb"] }, { appId: APP_ID, displayName: "Gatehouse", redirectUris: ["http://localhost:3000/cb"] }] };
    const derived = seedWithRedirects(seed, APP_ID, "https://gatehouse.example.com") as typeof seed;
    expect(derived.applications[0]!.redirectUris).toEqual(["https://x/cb"]);
    expect(derived.applications[1]!.redirectUris).toEqual(redirectUrisFor("https://gatehouse.example.com"));
    expect(seed.applications[1]!.redirectUris).toEqual(["http://localhost:3000/cb"]);
    expect(() => seedWithRedirects(seed, "missing", "http://localhost:3300")).toThrow("The emulator seed has no application missing");
  });

  it("the emulator on the derived seed accepts sign-in redirects to PORT=3300 and no longer to 3000", async () => {
    const seedPath = await writeDemoSeed({ seedPath: DEMO_SEED, dataDir: dir, clientId: APP_ID, authUrl: "http://localhost:3300" });
    expect(path.dirname(seedPath)).toBe(dir);
    expect(JSON.parse(await readFile(seedPath, "utf8"))).toHaveProperty("applications");
    emulator = await startEmulator({ seed: seedPath, port: 0, quiet: true });
    const at3300 = await fetch(authorizeUrl(emulator.url, "common", { redirect_uri: "http://localhost:3300/api/auth/callback/microsoft-entra-id" }), { redirect: "manual" });
    expect(at3300.status).toBe(200);
    expect(await at3300.text()).toContain('name="interaction"');
    const at3000 = await fetch(authorizeUrl(emulator.url, "common", { redirect_uri: "http://localhost:3000/api/auth/callback/microsoft-entra-id" }), { redirect: "manual" });
    expect(at3000.status).toBe(400);
    expect(await at3000.text()).toContain("AADSTS50011");
  });
});
