// The embedded PostgreSQL's password: generated on first use into .data/postgres-password (mode
// 0600, like .data/auth-secret) and reused by every later start, by the db:* scripts and by the
// e2e configuration. A constant in the source would be the same password on every install.
// Synchronous, because playwright.config.ts needs it while it is being evaluated.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function embeddedPasswordFile(projectRoot: string): string {
  return path.join(projectRoot, ".data", "postgres-password");
}

function readPassword(file: string): string | null {
  try {
    const value = readFileSync(file, "utf8").trim();
    return value.length >= 16 ? value : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The password in the file, or a new one written there; `created` says which. */
export function embeddedPostgresPassword(projectRoot: string): { password: string; created: boolean } {
  const file = embeddedPasswordFile(projectRoot);
  const existing = readPassword(file);
  if (existing) return { password: existing, created: false };
  mkdirSync(path.dirname(file), { recursive: true });
  const password = randomBytes(24).toString("base64url");
  try {
    // "wx": when two commands start at once, one writes and the other reads what it wrote.
    writeFileSync(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const written = readPassword(file);
    if (written) return { password: written, created: false };
    // A file too short to be ours (say, emptied by hand): replace it.
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { password, created: true };
}
