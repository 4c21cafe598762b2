/** Pure date formatting for <RelativeTime>: "in 12 days", "9 Dec 2026, 14:05 UTC". Locale is fixed to 'en'. */

type Unit = Intl.RelativeTimeFormatUnit;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.44 * DAY;
const YEAR = 365.25 * DAY;

/** Upper bound (exclusive, in ms) for each unit, then the unit's size. Thresholds follow the usual "about" rounding. */
const STEPS: ReadonlyArray<readonly [limit: number, unit: Unit, size: number]> = [
  [45 * MINUTE, "minute", MINUTE],
  [22 * HOUR, "hour", HOUR],
  [26 * DAY, "day", DAY],
  [320 * DAY, "month", MONTH],
  [Infinity, "year", YEAR],
];

const numeric = new Intl.RelativeTimeFormat("en", { numeric: "always" });
const auto = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "now", "in 5 minutes", "3 hours ago", "in 12 days", "2 months ago", "in 1 year". */
export function formatRelative(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45 * SECOND) return auto.format(0, "second");
  const step = STEPS.find(([limit]) => abs < limit) ?? STEPS[STEPS.length - 1]!;
  const [, unit, size] = step;
  const value = Math.max(1, Math.round(abs / size));
  return numeric.format(diff < 0 ? -value : value, unit);
}

/** "9 Dec 2026, 14:05 UTC" (24-hour clock, day-month-year) in the given IANA time zone. */
export function formatAbsolute(date: Date, timeZone = "UTC"): string {
  const parts = new Intl.DateTimeFormat("en", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")}, ${get("hour")}:${get("minute")} ${get("timeZoneName")}`;
}

/** "in 12 days (9 Dec 2026, 14:05 UTC)". */
export function formatRelativeAndAbsolute(date: Date, now: Date, timeZone = "UTC"): string {
  return `${formatRelative(date, now)} (${formatAbsolute(date, timeZone)})`;
}

/** Accepts what APIs hand us (Date, ISO string, epoch ms); returns null for unparseable input. */
export function toDate(value: Date | string | number): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
