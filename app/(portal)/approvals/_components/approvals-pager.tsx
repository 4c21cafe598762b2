import Link from "next/link";

const linkClass = "text-brand-700 rounded-md px-2 py-1 hover:bg-slate-100";

/** "Requests 101–200 of 2,000, oldest first", with the older and newer pages as links (they work before hydration). */
export function ApprovalsPager({ first, count, total, previousHref, nextHref }: { first: number; count: number; total: number; previousHref: string | null; nextHref: string | null }) {
  const link = (href: string | null, text: string) =>
    href ? (
      <Link href={href} className={linkClass} aria-label={`${text} requests`}>
        {text}
      </Link>
    ) : (
      <span className="rounded-md px-2 py-1 text-slate-400" aria-hidden="true">
        {text}
      </span>
    );
  return (
    <nav aria-label="Pending request pages" className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
      <span>
        Requests {first.toLocaleString("en")}–{(first + count - 1).toLocaleString("en")} of {total.toLocaleString("en")}, oldest first
      </span>
      {link(previousHref, "Previous")}
      {link(nextHref, "Next")}
    </nav>
  );
}
