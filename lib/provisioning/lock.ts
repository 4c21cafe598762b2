import "server-only";
import { db } from "@/lib/db";
import { defaultSleep } from "@/lib/graph/http";

// First half of the two-int advisory lock key: Gatehouse provisioning ("gh" + 1).
const LOCK_CLASS = 0x676801;

/**
 * Runs `fn` holding a PostgreSQL advisory lock for the customer, so two workers (or a worker
 * and a manual call) never apply one customer at once. The lock lives in a transaction that
 * only holds it: `fn`'s own writes go through other connections and are visible at once. A
 * crashed process loses its connection, and PostgreSQL releases the lock.
 */
export async function withCustomerLock<T>(customerId: string, fn: () => Promise<T>, options: { signal?: AbortSignal; pollMs?: number } = {}): Promise<T> {
  return db.$transaction(
    async (tx) => {
      for (;;) {
        const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${customerId})) AS locked`;
        if (row?.locked) break;
        await defaultSleep(options.pollMs ?? 250, options.signal);
      }
      return fn();
    },
    // The apply itself bounds its time (timeouts, bounded retries); this only must not cut it short.
    { maxWait: 30_000, timeout: 6 * 60 * 60_000 },
  );
}
