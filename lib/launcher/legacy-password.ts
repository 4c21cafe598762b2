// Upgrade path for data directories made before the embedded PostgreSQL's password was generated
// (embedded-password.ts): they were initialised with the fixed password below. When a new
// password file meets such a directory, the server is reached once with the old password and
// switched to the new one, so the old value, public in this repository's history, stops working.
import pg from "pg";
import { acceptsConnection, embeddedDatabaseUrl } from "./embedded-postgres";

const LEGACY_PASSWORD = "gatehouse-embedded";

export async function adoptLegacyPassword(port: number, password: string, log: (line: string) => void): Promise<void> {
  if (await acceptsConnection(embeddedDatabaseUrl(port, password, "postgres"))) return;
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl(port, LEGACY_PASSWORD, "postgres"), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    await client.end().catch(() => undefined);
    throw new Error(
      "The embedded PostgreSQL in .data/postgres does not accept the password in .data/postgres-password. " +
        "Restore that file, or move .data/postgres away to start with an empty database.",
    );
  }
  try {
    // ALTER ROLE takes no bind parameters: quote the literal (base64url, so no quotes inside).
    await client.query(`ALTER ROLE CURRENT_USER PASSWORD '${password.replaceAll("'", "''")}'`);
    log("Replaced the embedded PostgreSQL's old fixed password with the one generated in .data/postgres-password.");
  } finally {
    await client.end();
  }
}
