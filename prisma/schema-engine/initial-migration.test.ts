// The committed prisma/migrations, deployed through the bridge to a fresh database: it must apply
// cleanly, match prisma/schema.prisma, and its AuditEvent guard must allow only cascade deletes.
// The migrations are copied to a temp project so the test never writes next to the real ones.
import { cp } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDatabase, createProject, dropDatabase, prisma, scratchDatabaseUrl, sql, type Project } from "./test-helpers";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const db = scratchDatabaseUrl();
let project: Project;

beforeAll(async () => {
  project = await createProject();
  await cp(path.join(repoRoot, "prisma/migrations"), project.migrationsDir, { recursive: true });
  await cp(path.join(repoRoot, "prisma/schema.prisma"), path.join(project.dir, "prisma/schema.prisma"));
  await createDatabase(db.name);
});
afterAll(async () => {
  await dropDatabase(db.name);
  await project.remove();
});

it("deploys the committed migrations and matches the schema", async () => {
  const deploy = await prisma(project, db.url, ["migrate", "deploy"]);
  expect(deploy.code, deploy.stderr).toBe(0);

  const diff = await prisma(project, db.url, [
    "migrate", "diff", "--from-config-datasource", "--to-schema", path.join(project.dir, "prisma/schema.prisma"), "--exit-code",
  ]);
  expect(diff.code, diff.stdout + diff.stderr).toBe(0);
}, 30_000);

it("keeps audit events append-only but lets a workspace deletion cascade to them", async () => {
  const workspace = "11111111-1111-4111-8111-111111111111";
  await sql(
    db.url,
    `INSERT INTO "Workspace" (id, name, "tenantId", "primaryDomain", "updatedAt")
       VALUES ('${workspace}', 'W', '21111111-1111-4111-8111-111111111111', 'w.example', now());
     INSERT INTO "AuditEvent" (id, "workspaceId", actor, action) VALUES
       ('31111111-1111-4111-8111-111111111111', '${workspace}', 'system', 'created'),
       ('32222222-2222-4222-8222-222222222222', NULL, 'system', 'global');`,
  );

  for (const statement of [
    `UPDATE "AuditEvent" SET action = 'rewritten'`,
    `DELETE FROM "AuditEvent" WHERE "workspaceId" = '${workspace}'`,
    `DELETE FROM "AuditEvent" WHERE "workspaceId" IS NULL`,
  ]) {
    await expect(sql(db.url, statement)).rejects.toThrow("audit events are append-only");
  }

  await sql(db.url, `DELETE FROM "Workspace" WHERE id = '${workspace}'`);
  const remaining = await sql<{ action: string }>(db.url, `SELECT action FROM "AuditEvent"`);
  expect(remaining).toEqual([{ action: "global" }]);
}, 30_000);
