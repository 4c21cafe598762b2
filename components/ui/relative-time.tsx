import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";
import { formatAbsolute, formatRelative, toDate } from "./format-time";

type RelativeTimeProps = Omit<ComponentProps<"time">, "dateTime" | "children"> & {
  date: Date | string | number;
  /** Reference time; defaults to the render time. Pass it in tests and for deterministic output. */
  now?: Date;
  timeZone?: string;
  /** "both" renders "in 12 days (9 Dec 2026, 14:05 UTC)". */
  display?: "both" | "relative" | "absolute";
};

/** A `<time>` showing when something happens, relative and absolute (the style guide wants both). */
export function RelativeTime({ date, now, timeZone = "UTC", display = "both", className, ...props }: RelativeTimeProps) {
  const value = toDate(date);
  if (!value) return <span className={cn("text-slate-400", className)}>—</span>;
  const relative = formatRelative(value, now ?? new Date());
  const absolute = formatAbsolute(value, timeZone);
  return (
    <time
      dateTime={value.toISOString()}
      title={display === "relative" ? absolute : undefined}
      // The relative part depends on the clock, which differs between server render and hydration.
      suppressHydrationWarning
      className={cn("whitespace-nowrap", className)}
      {...props}
    >
      {display === "absolute" ? absolute : relative}
      {display === "both" ? <span className="text-slate-500"> ({absolute})</span> : null}
    </time>
  );
}
