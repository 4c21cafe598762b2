import Link from "next/link";
import { cn } from "@/lib/utils/cn";

export interface FilterLinkOption {
  key: string;
  label: string;
  href: string;
}

/** One-of choices as links (they work before hydration); the chosen one is marked current. */
export function FilterLinks({ label, options, current, className }: { label: string; options: readonly FilterLinkOption[]; current: string; className?: string }) {
  return (
    <nav aria-label={label} className={cn("flex flex-wrap gap-1", className)}>
      {options.map((o) => (
        <Link
          key={o.key}
          href={o.href}
          aria-current={o.key === current ? "true" : undefined}
          className={cn("rounded-md px-2 py-1 text-sm", o.key === current ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100")}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}
