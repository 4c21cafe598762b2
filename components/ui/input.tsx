import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** Shared look of text controls; `aria-invalid` turns the border red. */
export const controlClassName = cn(
  "w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm transition-colors",
  "placeholder:text-slate-400",
  "focus-visible:border-brand-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/30",
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500",
  "aria-invalid:border-red-500 aria-invalid:focus-visible:ring-red-500/30",
);

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      className={cn(
        controlClassName,
        "h-9 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium",
        className,
      )}
      {...props}
    />
  );
}
