import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process. Dev hot reload re-evaluates modules, so the instance lives on globalThis.
const globalForPrisma = globalThis as unknown as { gatehousePrisma?: PrismaClient };

function createClient(): PrismaClient {
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. Start Gatehouse with `npm start` (it runs an embedded PostgreSQL) " +
        "or set DATABASE_URL to a PostgreSQL server.",
    );
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }) });
}

function instance(): PrismaClient {
  globalForPrisma.gatehousePrisma ??= createClient();
  return globalForPrisma.gatehousePrisma;
}

// Created on first use, so `next build` (which evaluates modules without a database) never needs one.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = instance();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});
