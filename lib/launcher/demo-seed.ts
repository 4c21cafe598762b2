// The emulator's seed for `npm start`, with the Gatehouse app's redirect URIs built from the
// portal's AUTH_URL: a real app registration lists exactly the portal's callback URLs, and a
// fixed list (ports 3000 and 3100) made `PORT=3300 npm start` fail sign-in with AADSTS50011.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export const CALLBACK_PATHS = ["/api/auth/callback/microsoft-entra-id", "/api/consent/signed-in", "/api/consent/callback"] as const;

interface SeedApplication {
  appId: string;
  displayName: string;
  redirectUris?: string[];
  [key: string]: unknown;
}

/** The portal's callback URLs, resolved against AUTH_URL as lib/onboarding/consent-url.ts does. */
export function redirectUrisFor(authUrl: string): string[] {
  return CALLBACK_PATHS.map((p) => new URL(p, authUrl).toString());
}

/** A copy of the seed whose Gatehouse app (the one the launcher signs in with) redirects to AUTH_URL. */
export function seedWithRedirects(seed: unknown, clientId: string, authUrl: string): unknown {
  const world = seed as { applications?: SeedApplication[] };
  if (!Array.isArray(world.applications) || !world.applications.some((a) => a.appId === clientId)) {
    throw new Error(`The emulator seed has no application ${clientId} to register the portal's redirect URIs on.`);
  }
  return {
    ...world,
    applications: world.applications.map((a) => (a.appId === clientId ? { ...a, redirectUris: redirectUrisFor(authUrl) } : a)),
  };
}

/**
 * Writes the derived seed next to the emulator's certificates and returns its path. One file per
 * AUTH_URL, so two launchers on different ports never overwrite each other's seed.
 */
export async function writeDemoSeed(options: { seedPath: string; dataDir: string; clientId: string; authUrl: string }): Promise<string> {
  const seed: unknown = JSON.parse(await readFile(options.seedPath, "utf8"));
  const derived = seedWithRedirects(seed, options.clientId, options.authUrl);
  const key = createHash("sha256").update(`${options.seedPath}\n${options.authUrl}`).digest("hex").slice(0, 12);
  await mkdir(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, `seed-${key}.json`);
  await writeFile(file, JSON.stringify(derived, null, 2));
  return file;
}
