// End-to-end tests of the offline schema-engine bridge: the real Prisma CLI (prisma/cli.mjs)
// against a real Postgres, one scratch database and temp project per scenario.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDatabase,
  createProject,
  dropDatabase,
  leakedShadowDatabases,
  prisma,
  scratchDatabaseUrl,
  sha256OfMigration,
  shadowDatabaseNames,
  sql,
  type Project,
} from "./test-helpers";

const CLI_TIMEOUT = 30_000;

const USER_MODEL = `model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}`;

describe("migrate dev", () => {
  const db = scratchDatabaseUrl();
  let project: Project;
  let shadowDatabasesBefore: string[];

  beforeAll(async () => {
    project = await createProject();
    shadowDatabasesBefore = await shadowDatabaseNames();
  });
  afterAll(async () => {
    await dropDatabase(db.name);
    await project.remove();
  });

  it("creates the missing database, writes the first migration and applies it", async () => {
    await project.writeSchema(USER_MODEL);

    const result = await prisma(project, db.url, ["migrate", "dev", "--name", "init"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`database ${db.name} created`);
    const [name] = await project.migrationNames();
    expect(name).toMatch(/^\d{14}_init$/);
    const script = await readFile(path.join(project.migrationsDir, name!, "migration.sql"), "utf8");
    expect(script).toContain('CREATE TABLE "User"');
    expect(await readFile(path.join(project.migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    const rows = await sql(db.url, "SELECT migration_name, checksum, finished_at FROM _prisma_migrations");
    expect(rows).toEqual([
      { migration_name: name, checksum: await sha256OfMigration(project, name!), finished_at: expect.any(Date) },
    ]);
    await sql(db.url, `INSERT INTO "User" (email) VALUES ('a@example.com')`);
  }, CLI_TIMEOUT);

  it("creates and applies a second migration while another one is still pending", async () => {
    await project.writeSchema(USER_MODEL.replace("email String @unique", "email String @unique\n  name  String?"));
    const draft = await prisma(project, db.url, ["migrate", "dev", "--name", "add_name", "--create-only"]);
    expect(draft.code, draft.stderr).toBe(0);
    await project.writeSchema(
      USER_MODEL.replace("email String @unique", "email String @unique\n  name  String?\n  age   Int?"),
    );

    // The pending add_name migration is applied first; the Wasm engine then loses its shadow
    // database (STACK-NOTES bug 4) before it diffs the next one.
    const result = await prisma(project, db.url, ["migrate", "dev", "--name", "add_age"]);

    expect(result.code, result.stderr).toBe(0);
    const names = await project.migrationNames();
    expect(names).toHaveLength(3);
    expect(names[2]).toMatch(/_add_age$/);
    const applied = await sql<{ migration_name: string }>(
      db.url,
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
    );
    expect(applied.map((row) => row.migration_name)).toEqual(names);
    const columns = await sql<{ column_name: string }>(
      db.url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'User' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["id", "email", "name", "age"]);
  }, CLI_TIMEOUT);

  it("reports the database as up to date and leaves no shadow database behind", async () => {
    const status = await prisma(project, db.url, ["migrate", "status"]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("Database schema is up to date!");

    expect(await leakedShadowDatabases(shadowDatabasesBefore)).toEqual([]);
  }, CLI_TIMEOUT);
});

describe("migrate deploy", () => {
  const databases: string[] = [];
  let project: Project;

  beforeAll(async () => {
    project = await createProject();
    await project.writeSchema(USER_MODEL);
    await project.writeMigration("20250101000000_init", 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY, "email" TEXT NOT NULL);\n');
    // Semicolons inside the $$ body: upstream adapter-pg split this script into broken pieces (bug 2).
    await project.writeMigration(
      "20250101000001_lowercase_email",
      `CREATE FUNCTION lowercase_email() RETURNS trigger AS $$
BEGIN
  NEW.email := lower(NEW.email);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER user_lowercase_email BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION lowercase_email();
`,
    );
  });
  afterAll(async () => {
    await Promise.all(databases.map(dropDatabase));
    await project.remove();
  });

  async function freshDatabase() {
    const db = scratchDatabaseUrl();
    await createDatabase(db.name);
    databases.push(db.name);
    return db;
  }

  it("applies every migration to a fresh database and records sha256 checksums", async () => {
    const db = await freshDatabase();

    const result = await prisma(project, db.url, ["migrate", "deploy"]);

    expect(result.code, result.stderr).toBe(0);
    const rows = await sql<{ migration_name: string; checksum: string }>(
      db.url,
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
    );
    const names = await project.migrationNames();
    expect(rows).toEqual(
      await Promise.all(names.map(async (name) => ({ migration_name: name, checksum: await sha256OfMigration(project, name) }))),
    );
    const [inserted] = await sql<{ email: string }>(db.url, `INSERT INTO "User" (email) VALUES ('MiXeD@Example.COM') RETURNING email`);
    expect(inserted?.email).toBe("mixed@example.com");
  }, CLI_TIMEOUT);

  it("rolls a failing migration back completely and records it as failed", async () => {
    const db = await freshDatabase();
    const failing = await createProject();
    try {
      await failing.writeSchema(USER_MODEL);
      await failing.writeMigration(
        "20250101000000_half",
        `CREATE TABLE "Half" (id int);
CREATE FUNCTION half_fn() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
SELECT this_function_does_not_exist();
`,
      );

      const result = await prisma(failing, db.url, ["migrate", "deploy"]);

      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("P3018");
      expect(result.stderr).toContain("this_function_does_not_exist");
      const [leftovers] = await sql<{ table: string | null; fn: string | null }>(
        db.url,
        `SELECT to_regclass('"Half"')::text AS table, to_regprocedure('half_fn()')::text AS fn`,
      );
      expect(leftovers).toEqual({ table: null, fn: null });
      const rows = await sql(db.url, "SELECT migration_name, finished_at FROM _prisma_migrations");
      expect(rows).toEqual([{ migration_name: "20250101000000_half", finished_at: null }]);
    } finally {
      await failing.remove();
    }
  }, CLI_TIMEOUT);

  it("serialises concurrent deploys to the same database", async () => {
    const db = await freshDatabase();

    const results = await Promise.all([1, 2].map(() => prisma(project, db.url, ["migrate", "deploy"])));

    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const rows = await sql<{ migration_name: string; runs: string }>(
      db.url,
      "SELECT migration_name, count(*)::text AS runs FROM _prisma_migrations GROUP BY 1 ORDER BY 1",
    );
    expect(rows).toEqual((await project.migrationNames()).map((name) => ({ migration_name: name, runs: "1" })));
  }, CLI_TIMEOUT);
});

describe("migrate reset and diff", () => {
  const db = scratchDatabaseUrl();
  let project: Project;

  beforeAll(async () => {
    project = await createProject();
    await project.writeSchema(USER_MODEL);
    await project.writeMigration("20250101000000_init", 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY, "email" TEXT NOT NULL);\n');
    await createDatabase(db.name);
  });
  afterAll(async () => {
    await dropDatabase(db.name);
    await project.remove();
  });

  it("reset --force empties the database and re-applies the migrations", async () => {
    await sql(db.url, `CREATE TABLE stray (x int); CREATE TABLE "User" (id int)`);

    const result = await prisma(project, db.url, ["migrate", "reset", "--force"]);

    expect(result.code, result.stderr).toBe(0);
    const [state] = await sql<{ stray: string | null; applied: string }>(
      db.url,
      `SELECT to_regclass('stray')::text AS stray, (SELECT count(*)::text FROM _prisma_migrations WHERE finished_at IS NOT NULL) AS applied`,
    );
    expect(state).toEqual({ stray: null, applied: "1" });
  }, CLI_TIMEOUT);

  it("diff prints the SQL between the migrations and the schema", async () => {
    await project.writeSchema(USER_MODEL);

    const result = await prisma(project, db.url, [
      "migrate",
      "diff",
      "--from-migrations",
      project.migrationsDir,
      "--to-schema",
      path.join(project.dir, "prisma/schema.prisma"),
      "--script",
    ]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('CREATE UNIQUE INDEX "User_email_key" ON "User"("email");');
  }, CLI_TIMEOUT);
});
