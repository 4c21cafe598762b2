import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** A stable AUTH_SECRET for zero-configuration runs, kept in .data so sessions survive restarts. */
export async function localAuthSecret(projectRoot: string): Promise<string> {
  const file = path.join(projectRoot, ".data", "auth-secret");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first run: fall through and create it
  }
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
