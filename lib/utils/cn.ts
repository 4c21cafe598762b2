import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names conditionally and lets later Tailwind classes win over earlier ones. */
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(...classes));
}
