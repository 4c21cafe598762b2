import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { defaultSleep } from "@/lib/graph/http";

// First half of the two-int advisory lock key: Gatehouse provisioning ("gh" + 1); a whole drift
// repair ("gh" + 3; sync writes hold "gh" + 2).
const LOCK_CLASS = 0x676801;
const REPAIR_LOCK_CLASS = 0x676803;

/**
 * Runs `fn` holding a PostgreSQL advisory lock for the customer, so two workers (or a worker
 * and a manual call) never apply one customer at once. The lock lives on a connection of its
 * own, outside Prisma's pool, so any number of concurrent applies can never starve the pool
 * their own writes need. A crashed process loses the connection and PostgreSQL releases the lock.
 */
export async function withCustomerLock<T>(customerId: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  return withAdvisoryLock(LOCK_CLASS, customerId, fn, options);
}

/**
 * One drift repair of a customer at a time, from its check to its audit: a second Repair waits
 * and then checks a tenant the first one already put right. Taken before (never inside) the
 * customer's provisioning lock, which the repair's own run takes.
 */
export async function withRepairLock<T>(customerId: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  return withAdvisoryLock(REPAIR_LOCK_CLASS, customerId, fn, options);
}

interface LockOptions {
  signal?: AbortSignal;
  pollMs?: number;
}

async function withAdvisoryLock<T>(lockClass: number, customerId: string, fn: () => Promise<T>, options: LockOptions): Promise<T> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set.");
  const client = new pg.Client({ connectionString: env.DATABASE_URL, application_name: "gatehouse-provisioning-lock" });
  // An idle lock connection that errors (server restart) must not crash the process; the
  // apply's own writes will fail loudly on the same cause.
  client.on("error", () => undefined);
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS locked", [lockClass, customerId]);
      if (rows[0]?.locked) break;
      await defaultSleep(options.pollMs ?? 250, options.signal);
    }
    return await fn();
  } finally {
    // Closing the session releases the lock even if the unlock query cannot run.
    await client.end().catch(() => undefined);
  }
}
