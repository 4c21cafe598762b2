"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { isCurrentSection } from "@/lib/navigation";
import { cn } from "@/lib/utils/cn";

const variants = {
  bar: {
    base: "px-2.5 py-1.5 transition-colors",
    idle: "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
  },
  menu: {
    base: "px-3 py-2",
    idle: "text-slate-700 hover:bg-slate-100",
  },
} as const;

/** One section of the main navigation: the header bar on wide screens, the phone menu's list on small ones. */
export function NavItemLink({ item, variant }: { item: { href: string; label: string }; variant: keyof typeof variants }) {
  const current = isCurrentSection(usePathname(), item.href);
  const style = variants[variant];
  return (
    <Link
      href={item.href}
      aria-current={current ? "page" : undefined}
      className={cn("rounded-md text-sm font-medium", style.base, current ? "bg-brand-50 text-brand-700" : style.idle)}
    >
      {item.label}
    </Link>
  );
}
