// Helpers for the bridge tests: every test talks to a real Postgres through the real Prisma CLI,
// in a scratch database and a temp project directory it owns and removes afterwards.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const bridgeBinary = path.join(repoRoot, "prisma/schema-engine/schema-engine");

/** The server of $DATABASE_URL when set (CI), else the local one; always its `postgres` database. */
const serverUrl = (() => {
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  url.search = "";
  return url.toString();
})();

export function scratchDatabaseUrl(): { name: string; url: string } {
  const name = `gh_bridge_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(
  databaseUrl: string,
  text: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string): Promise<void> {
  await sql(serverUrl, `CREATE DATABASE "${name}"`);
}

export async function dropDatabase(name: string): Promise<void> {
  await sql(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export async function shadowDatabaseNames(): Promise<string[]> {
  const rows = await sql<{ datname: string }>(
    serverUrl,
    "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
  );
  return rows.map((row) => row.datname);
}

/**
 * Shadow databases that appeared since `before` and are still there a few seconds later. Waiting
 * keeps other processes' in-flight shadow databases (another test run, a colleague's migrate dev)
 * from counting as leaks; a leaked one never goes away.
 */
export async function leakedShadowDatabases(before: string[]): Promise<string[]> {
  let suspects = (await shadowDatabaseNames()).filter((name) => !before.includes(name));
  for (let attempt = 0; suspects.length > 0 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = await shadowDatabaseNames();
    suspects = suspects.filter((name) => current.includes(name));
  }
  return suspects;
}

export type Project = {
  dir: string;
  migrationsDir: string;
  writeSchema(models: string): Promise<void>;
  writeMigration(name: string, script: string): Promise<void>;
  migrationNames(): Promise<string[]>;
  remove(): Promise<void>;
};

/** A throwaway Prisma project. The config has no imports so it loads from outside the repo. */
export async function createProject(): Promise<Project> {
  const dir = await mkdtemp(path.join(tmpdir(), "gh-bridge-"));
  const migrationsDir = path.join(dir, "prisma/migrations");
  await mkdir(migrationsDir, { recursive: true });
  await writeFile(
    path.join(dir, "prisma.config.ts"),
    `export default {
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
};
`,
  );
  return {
    dir,
    migrationsDir,
    writeSchema: (models) =>
      writeFile(path.join(dir, "prisma/schema.prisma"), `datasource db {\n  provider = "postgresql"\n}\n\n${models}\n`),
    async writeMigration(name, script) {
      await mkdir(path.join(migrationsDir, name), { recursive: true });
      await writeFile(path.join(migrationsDir, name, "migration.sql"), script);
      await writeFile(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
    },
    async migrationNames() {
      const entries = await readdir(migrationsDir, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `node prisma/cli.mjs <args>` the way developers do, against the given project. */
export function prisma(project: Project, databaseUrl: string, args: string[]): Promise<CliResult> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA_ENGINE_BINARY: bridgeBinary };
  const argv = [path.join(repoRoot, "prisma/cli.mjs"), ...args, "--config", path.join(project.dir, "prisma.config.ts")];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export async function sha256OfMigration(project: Project, name: string): Promise<string> {
  const content = await readFile(path.join(project.migrationsDir, name, "migration.sql"));
  return createHash("sha256").update(content).digest("hex");
}
