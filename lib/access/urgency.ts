// Pure rules for how close an expiry is. Shared by the dashboard, the matrix, /me and the CSV, so
// that every page colours and filters the same assignment the same way.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The expiry windows the dashboard offers, in days. */
export const EXPIRY_WINDOWS = [7, 30, 60, 90] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number];

/** Reads a window from a query string value; anything else falls back to 30 days. */
export function parseExpiryWindow(value: unknown): ExpiryWindow {
  const n = typeof value === "string" ? Number(value) : NaN;
  return (EXPIRY_WINDOWS as readonly number[]).includes(n) ? (n as ExpiryWindow) : 30;
}

/**
 * Whole days left before `expiresAt`, rounded up: access that ends in 3 hours has 1 day left, so
 * "0 days" only ever means "already expired". Negative when it has expired.
 */
export function daysLeft(expiresAt: Date, now: Date): number {
  const diff = expiresAt.getTime() - now.getTime();
  return diff > 0 ? Math.ceil(diff / DAY_MS) : Math.floor(diff / DAY_MS);
}

export type Urgency = "expired" | "critical" | "soon" | "later" | "ok";

/** ≤7 days critical, ≤30 soon, ≤90 later: the dashboard's filters, so colours match them. No end (null) is ok. */
export function urgencyOf(days: number | null): Urgency {
  if (days === null) return "ok";
  if (days <= 0) return "expired";
  if (days <= 7) return "critical";
  if (days <= 30) return "soon";
  if (days <= 90) return "later";
  return "ok";
}

export const URGENCY_TONE = {
  expired: "neutral",
  critical: "danger",
  soon: "warning",
  later: "info",
  ok: "success",
} as const satisfies Record<Urgency, "neutral" | "danger" | "warning" | "info" | "success">;

export const URGENCY_LABEL: Record<Urgency, string> = {
  expired: "Expired",
  critical: "7 days or less",
  soon: "30 days or less",
  later: "90 days or less",
  ok: "More than 90 days",
};

/** True when the access is still active and ends within `window` days. */
export function expiresWithin(expiresAt: Date, now: Date, window: number): boolean {
  const t = expiresAt.getTime() - now.getTime();
  return t > 0 && t <= window * DAY_MS;
}

export const WEEK_MS = 7 * DAY_MS;

/** The week of an expiry within the chart: 0 for (now, now + 7 days], 1 for the next week, and so on. */
export function weekIndex(expiresAt: Date, now: Date): number {
  return Math.ceil((expiresAt.getTime() - now.getTime()) / WEEK_MS) - 1;
}

/**
 * The chart's weeks over the next `days` days, filled from counts per week index (the reader
 * counts in SQL with the same arithmetic as `weekIndex`). The last, shorter week takes anything
 * past the last full week.
 */
export function weeklyBuckets(countsByWeek: Map<number, number>, now: Date, days = 90): { label: string; startsAt: Date; count: number }[] {
  const weeks = Math.ceil(days / 7);
  const buckets = Array.from({ length: weeks }, (_, i) => ({ label: `Week ${i + 1}`, startsAt: new Date(now.getTime() + i * WEEK_MS), count: 0 }));
  for (const [index, count] of countsByWeek) {
    if (index < 0) continue;
    buckets[Math.min(weeks - 1, index)]!.count += count;
  }
  return buckets;
}

/** Expiries per week from a list of dates: the pure twin of the SQL count, for tests and small lists. */
export function weeklyExpiryBuckets(expiries: Date[], now: Date, days = 90): { label: string; startsAt: Date; count: number }[] {
  const counts = new Map<number, number>();
  for (const e of expiries) {
    if (!expiresWithin(e, now, days)) continue;
    counts.set(weekIndex(e, now), (counts.get(weekIndex(e, now)) ?? 0) + 1);
  }
  return weeklyBuckets(counts, now, days);
}
