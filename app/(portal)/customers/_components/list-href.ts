import type { CustomerListQuery } from "@/lib/onboarding/schemas";

/** The list's URL for a query: search, sort and page live in the URL, so a view can be shared and reloaded. */
export function customerListHref(query: CustomerListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort) params.set("sort", query.sort);
  if (query.dir) params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/customers?${search}` : "/customers";
}
