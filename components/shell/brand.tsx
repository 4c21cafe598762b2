import Link from "next/link";

export function Brand({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold text-slate-900">
      <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
        G
      </span>
      Gatehouse
    </Link>
  );
}
