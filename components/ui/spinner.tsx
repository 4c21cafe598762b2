import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

type SpinnerProps = ComponentProps<"span"> & {
  /** Accessible text; pass `null` when the spinner is decorative (e.g. inside a busy button). */
  label?: string | null;
  size?: "sm" | "md" | "lg";
};

const sizes = { sm: "size-3.5 border-2", md: "size-5 border-2", lg: "size-8 border-[3px]" } as const;

export function Spinner({ label = "Loading", size = "md", className, ...props }: SpinnerProps) {
  const decorative = label === null;
  return (
    <span
      role={decorative ? undefined : "status"}
      aria-hidden={decorative ? true : undefined}
      className={cn("inline-flex items-center", className)}
      {...props}
    >
      <span
        className={cn(
          "animate-spin rounded-full border-current border-r-transparent opacity-80 motion-reduce:animate-[spin_1.5s_linear_infinite]",
          sizes[size],
        )}
      />
      {decorative ? null : <span className="sr-only">{label}</span>}
    </span>
  );
}
