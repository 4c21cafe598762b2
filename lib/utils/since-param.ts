// The `since` of a progress poll ("Check all now", "Sync now" started at …). Pure.

const DAY_MS = 86_400_000;

/**
 * The instant a progress poll counts from, or null for none. Only a recent instant means a
 * progress: anything else (unparsable, or a valid JavaScript date like year -100000 that
 * PostgreSQL cannot store and would answer with an error) is no progress rather than a 500.
 */
export function parseSince(raw: string | null, now = new Date()): Date | null {
  if (!raw) return null;
  const since = new Date(raw);
  const t = since.getTime();
  if (Number.isNaN(t) || t < now.getTime() - 366 * DAY_MS || t > now.getTime() + DAY_MS) return null;
  return since;
}
