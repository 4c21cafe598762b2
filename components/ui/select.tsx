import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";
import { controlClassName } from "./input";

/** A native <select> styled like Input: works in GET forms and on phones without JavaScript. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClassName, "h-9 pr-8", className)} {...props} />;
}
