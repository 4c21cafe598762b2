import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import type { CustomerPage } from "@/lib/data/customers";
import type { CustomerListQuery } from "@/lib/onboarding/schemas";
import { customerListHref } from "./list-href";

export function CustomerPagination({ result, query }: { result: CustomerPage; query: CustomerListQuery }) {
  if (result.total === 0) return null;
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.items.length - 1;
  const link = (page: number, label: string, rel: "prev" | "next") => (
    <Link href={customerListHref({ ...query, page })} rel={rel} className={buttonClassName({ variant: "outline", size: "sm" })}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="customer-count">
        {first}–{last} of {result.total} {result.total === 1 ? "customer" : "customers"}
        {result.pageCount > 1 && ` · page ${result.page} of ${result.pageCount}`}
      </p>
      {result.pageCount > 1 && (
        <div className="flex gap-2">
          {result.page > 1 && link(result.page - 1, "Previous page", "prev")}
          {result.page < result.pageCount && link(result.page + 1, "Next page", "next")}
        </div>
      )}
    </nav>
  );
}
