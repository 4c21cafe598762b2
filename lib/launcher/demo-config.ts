// Derives the portal's Entra settings for demo mode from the emulator's seed file, so the
// launcher and the emulator can never disagree about the app registration or the MSSP tenant.
import { readFile } from "node:fs/promises";
import { z } from "zod";

const seedSubsetSchema = z.object({
  tenants: z.array(z.object({ id: z.string(), displayName: z.string(), domains: z.array(z.string()).min(1) })),
  applications: z.array(
    z.object({ appId: z.string(), displayName: z.string(), homeTenantId: z.string(), secret: z.string() }),
  ),
});

export interface DemoEntraSettings {
  clientId: string;
  clientSecret: string;
  msspTenantId: string;
  msspDomain: string;
  msspName: string;
}

export function demoSettingsFromSeed(seed: unknown): DemoEntraSettings {
  const parsed = seedSubsetSchema.parse(seed);
  const app = parsed.applications.find((a) => a.displayName === "Gatehouse") ?? parsed.applications[0];
  if (!app) throw new Error("The emulator seed has no application registration for Gatehouse.");
  const home = parsed.tenants.find((t) => t.id === app.homeTenantId);
  if (!home) throw new Error(`The emulator seed has no tenant ${app.homeTenantId} (home of the Gatehouse app).`);
  // Prefer a custom domain over the initial *.onmicrosoft.com one, as an admin would.
  const msspDomain = home.domains.find((d) => !d.endsWith(".onmicrosoft.com")) ?? home.domains[0] ?? "";
  return {
    clientId: app.appId,
    clientSecret: app.secret,
    msspTenantId: home.id,
    msspDomain,
    msspName: home.displayName,
  };
}

export async function readDemoSettings(seedPath: string): Promise<DemoEntraSettings> {
  return demoSettingsFromSeed(JSON.parse(await readFile(seedPath, "utf8")));
}
