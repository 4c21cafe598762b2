import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import packageJson from "@/package.json";
import { db } from "@/lib/db";
import { compareMigrations, type MigrationState } from "./migrations";

export interface Health {
  status: "ok" | "degraded" | "down";
  version: string;
  database: { reachable: boolean };
  migrations: MigrationState | null;
}

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

async function migrationsOnDisk(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

async function appliedMigrations(): Promise<string[]> {
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((r) => r.migration_name);
}

export async function getHealth(): Promise<Health> {
  const version = packageJson.version;
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    // The endpoint is public: the cause (host, port, driver message) goes to the server log only.
    console.error("Health check: the database is unreachable", error);
    return { status: "down", version, database: { reachable: false }, migrations: null };
  }
  let migrations: MigrationState;
  try {
    migrations = compareMigrations(await migrationsOnDisk(), await appliedMigrations());
  } catch {
    // No _prisma_migrations table yet: nothing has been applied.
    migrations = compareMigrations(await migrationsOnDisk(), []);
  }
  return {
    status: migrations.upToDate ? "ok" : "degraded",
    version,
    database: { reachable: true },
    migrations,
  };
}
