// Derives the portal's Entra settings for demo mode from the emulator's seed file, so the
// launcher and the emulator can never disagree about the app registration or the MSSP tenant.
import { readFile } from "node:fs/promises";
import { z } from "zod";

const seedSubsetSchema = z.object({
  tenants: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      domains: z.array(z.string()).min(1),
      users: z.array(
        z.object({
          userPrincipalName: z.string(),
          displayName: z.string(),
          password: z.string().nullable().optional(),
          directoryRoles: z.array(z.string()).default([]),
          appRoles: z.array(z.string()).default([]),
        }),
      ),
    }),
  ),
  applications: z.array(
    z.object({ appId: z.string(), displayName: z.string(), homeTenantId: z.string(), secret: z.string() }),
  ),
});

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: string;
  organization: string;
}

export interface DemoEntraSettings {
  accounts: DemoAccount[];
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
    accounts: demoAccounts(parsed, home.id),
    clientId: app.appId,
    clientSecret: app.secret,
    msspTenantId: home.id,
    msspDomain,
    msspName: home.displayName,
  };
}

const ROLE_LABELS: Record<string, string> = {
  "Gatehouse.Admin": "Admin",
  "Gatehouse.Approver": "Approver",
  "Gatehouse.Analyst": "Analyst",
};

/** Staff of the MSSP tenant (any role, or none) and each customer's admin, who grants consent. */
function demoAccounts(seed: z.infer<typeof seedSubsetSchema>, msspTenantId: string): DemoAccount[] {
  return seed.tenants.flatMap((tenant) =>
    tenant.users
      .filter((u) => u.password && (tenant.id === msspTenantId || u.directoryRoles.includes("Global Administrator")))
      .map((u) => ({
        username: u.userPrincipalName,
        password: u.password ?? "",
        displayName: u.displayName,
        organization: tenant.displayName,
        role:
          tenant.id === msspTenantId
            ? u.appRoles.map((r) => ROLE_LABELS[r] ?? r).join(", ") || "No Gatehouse role"
            : "Customer Global Administrator",
      })),
  );
}

export async function readDemoSettings(seedPath: string): Promise<DemoEntraSettings> {
  return demoSettingsFromSeed(JSON.parse(await readFile(seedPath, "utf8")));
}
