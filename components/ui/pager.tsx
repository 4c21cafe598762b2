import Link from "next/link";
import { cn } from "@/lib/utils/cn";

/** "Staff 51–100 of 300", with previous and next pages as links (they work before hydration). */
export function Pager({ label, noun, page, size, total, href }: { label: string; noun: string; page: number; size: number; total: number; href: (page: number) => string }) {
  const first = total === 0 ? 0 : page * size + 1;
  const last = Math.min(total, (page + 1) * size);
  const link = (target: number, text: string, enabled: boolean) =>
    enabled ? (
      <Link href={href(target)} className="text-brand-700 rounded-md px-2 py-1 hover:bg-slate-100" aria-label={`${text} ${noun}`}>
        {text}
      </Link>
    ) : (
      <span className={cn("rounded-md px-2 py-1 text-slate-400")} aria-hidden="true">
        {text}
      </span>
    );
  return (
    <nav aria-label={`${label} pages`} className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      <span>
        {label} {first}–{last} of {total}
      </span>
      {link(page - 1, "Previous", page > 0)}
      {link(page + 1, "Next", last < total)}
    </nav>
  );
}
