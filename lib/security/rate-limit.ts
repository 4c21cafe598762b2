import "server-only";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";

export type LimitDecision =
  | { allowed: true }
  /** firstRefusal: this request is the one that crossed the limit in this window (once per window, across processes). */
  | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

export interface RateLimiter {
  consume(key: string): Promise<LimitDecision>;
}

export interface LimitOptions {
  /** Names the bucket family; part of every stored key. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * A fixed-window limiter whose counters live in our PostgreSQL (table rate_limit, created by a
 * migration), so every portal process sharing the database shares the counts. One atomic upsert
 * per request; once a key is over its limit this process stops asking the database until the
 * window ends, so a flood costs no queries.
 */
export function postgresRateLimiter(pool: pg.Pool, options: LimitOptions): RateLimiter {
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limit",
    tableCreated: true,
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSeconds,
    inMemoryBlockOnConsumed: options.points + 1,
  });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (error) {
        // The library rejects with a RateLimiterRes when the limit is reached, with an Error when
        // the store failed: that one propagates (a 500), it is not a reason to refuse as "limited".
        if (!(error instanceof RateLimiterRes)) throw error;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          firstRefusal: error.consumedPoints === options.points + 1,
        };
      }
    },
  };
}

const globalForPool = globalThis as unknown as { gatehouseRateLimitPool?: pg.Pool };

/** A small pool of its own: rate limits must keep answering while Prisma's pool is busy. */
export function rateLimitPool(): pg.Pool {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: rate limits need the database.");
  globalForPool.gatehouseRateLimitPool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
  return globalForPool.gatehouseRateLimitPool;
}
