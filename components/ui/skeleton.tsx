import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** A pulsing placeholder block; size it with classes (e.g. `h-4 w-32`). Hidden from assistive tech. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-slate-200/80", className)} {...props} />;
}

/** Skeleton lines for a loading list or table, with a screen-reader "Loading" status. */
export function SkeletonRows({ rows = 3, label = "Loading", className }: { rows?: number; label?: string; className?: string }) {
  return (
    <div role="status" className={cn("grid gap-3", className)}>
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={cn("h-4", i % 3 === 2 ? "w-2/3" : "w-full")} />
      ))}
    </div>
  );
}
