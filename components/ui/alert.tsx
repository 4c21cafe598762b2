import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

const tones = {
  info: "border-sky-200 bg-sky-50 text-sky-900 before:bg-sky-500",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 before:bg-emerald-500",
  warning: "border-amber-200 bg-amber-50 text-amber-900 before:bg-amber-500",
  danger: "border-red-200 bg-red-50 text-red-900 before:bg-red-500",
} as const;

export type AlertTone = keyof typeof tones;

type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: AlertTone;
  title?: ReactNode;
};

/** Inline callout. Danger is an `alert` (announced assertively); other tones are a polite `status`. */
export function Alert({ tone = "info", title, children, className, ...props }: AlertProps) {
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cn(
        "relative overflow-hidden rounded-md border py-3 pr-4 pl-5 text-sm",
        "before:absolute before:inset-y-0 before:left-0 before:w-1",
        tones[tone],
        className,
      )}
      {...props}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={cn("opacity-90", title ? "mt-1" : undefined)}>{children}</div> : null}
    </div>
  );
}
