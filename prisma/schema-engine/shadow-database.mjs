// Bug 3: PrismaPg.connectToShadowDb() builds the shadow pool from `{ connectionString, database }`,
// but pg lets connectionString win, so "shadow" migrations are replayed on the MAIN database; its
// dispose also runs DROP DATABASE while its own pool is still connected, so shadow databases leak.
// Here the shadow database gets its own URL, is verified with current_database(), and is dropped
// after its pool is closed. Every database created is tracked so the bridge can drop leftovers
// before it answers a request or exits.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseName, quoteIdentifier, schemaName, withDatabase } from "./database-url.mjs";
import { logToStderr } from "./stderr-log.mjs";

/** @type {Map<string, string>} shadow database name -> main database URL to drop it from */
const createdShadowDatabases = new Map();

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @param {(url: string) => Promise<any>} connect opens a (patched) PrismaPg adapter
 */
export async function connectShadowDatabase(datasource, connect) {
  if (datasource.shadowDatabaseUrl) return connectConfiguredShadowDatabase(datasource, connect);

  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  await runOn(datasource.url, `CREATE DATABASE ${quoteIdentifier(name)}`);
  createdShadowDatabases.set(name, datasource.url);
  try {
    const adapter = await connect(withDatabase(datasource.url, name));
    await assertConnectedTo(adapter, name);
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closePool();
      await dropShadowDatabase(name);
    };
    return adapter;
  } catch (error) {
    await dropShadowDatabase(name);
    throw error;
  }
}

/** Drops shadow databases whose adapter the engine never disposed. Never throws: it runs on exit. */
export async function dropLeftoverShadowDatabases() {
  await Promise.all(
    [...createdShadowDatabases.keys()].map((name) =>
      dropShadowDatabase(name).catch((error) => logToStderr("WARN", `Could not drop shadow database ${name}: ${error.message}`)),
    ),
  );
}

/**
 * A user-configured shadow database is reused, never created or dropped; like the native engine we
 * empty it first, because the engine replays the whole migration history on it.
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @param {(url: string) => Promise<any>} connect
 */
async function connectConfiguredShadowDatabase(datasource, connect) {
  const shadowUrl = /** @type {string} */ (datasource.shadowDatabaseUrl);
  const expected = databaseName(shadowUrl);
  if (expected === databaseName(datasource.url) && new URL(shadowUrl).host === new URL(datasource.url).host) {
    throw new Error("The shadow database you configured appears to be the same as the main database. Please specify another shadow database.");
  }
  const adapter = await connect(shadowUrl);
  await assertConnectedTo(adapter, expected);
  const schema = quoteIdentifier(schemaName(shadowUrl));
  await adapter.executeScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
  return adapter;
}

/** @param {any} adapter @param {string} expected */
async function assertConnectedTo(adapter, expected) {
  const { rows } = await adapter.underlyingDriver().query("SELECT current_database() AS name");
  if (rows[0]?.name !== expected) {
    throw new Error(`Shadow database connection reached "${rows[0]?.name}" instead of "${expected}"; refusing to replay migrations there.`);
  }
}

/** @param {string} name */
async function dropShadowDatabase(name) {
  const mainUrl = createdShadowDatabases.get(name);
  if (!mainUrl) return;
  createdShadowDatabases.delete(name);
  // WITH (FORCE) (Postgres 13+) also ends connections the engine may still hold.
  await runOn(mainUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}

/** @param {string} url @param {string} sql */
async function runOn(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
