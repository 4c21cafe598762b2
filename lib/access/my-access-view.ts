// /me for an MSSP with 1,000 customers: a page of customers at a time, found by name or domain
// and by where the person stands. Pure: the page reads every entry once (cheap: the person's own
// rows) and this picks what to show.

import { listPage, matching } from "@/lib/utils/list-page";
import { oneParam, pageParam, queryString, searchParam, type RawSearchParams } from "@/lib/utils/query-params";
import type { MyStatus } from "./my-status";

export const MY_ACCESS_PAGE_SIZE = 25;

export const MY_ACCESS_FILTERS = ["all", "active", "pending", "expired", "none"] as const;
export type MyAccessFilter = (typeof MY_ACCESS_FILTERS)[number];

export interface MyAccessParams {
  search: string | undefined;
  filter: MyAccessFilter;
  /** zero-based */
  page: number;
}

export function parseMyAccessParams(raw: RawSearchParams): MyAccessParams {
  const filter = oneParam(raw.status);
  return {
    search: searchParam(oneParam(raw.q)),
    filter: (MY_ACCESS_FILTERS as readonly string[]).includes(filter ?? "") ? (filter as MyAccessFilter) : "all",
    page: pageParam(oneParam(raw.page)),
  };
}

/** The query string of a /me view, without defaults (so links stay short). */
export function myAccessQueryString(p: Partial<MyAccessParams>): string {
  return queryString({ q: p.search, status: p.filter === "all" ? undefined : p.filter, page: p.page });
}

interface Entry {
  displayName: string;
  primaryDomain: string;
  status: MyStatus;
}

export interface MyAccessView<E> {
  entries: E[];
  /** entries matching the search and filter (what the pager counts) */
  total: number;
  /** entries matching the search, per filter: the numbers on the filter links */
  counts: Record<MyAccessFilter, number>;
  /** the page shown: a page past the end shows the last one */
  page: number;
}

/** The page of `entries` (already in display order) that the params ask for. */
export function viewMyAccess<E extends Entry>(entries: E[], params: MyAccessParams, size = MY_ACCESS_PAGE_SIZE): MyAccessView<E> {
  const found = matching(entries, params.search, (e) => [e.displayName, e.primaryDomain]);
  const counts = Object.fromEntries(MY_ACCESS_FILTERS.map((f) => [f, 0])) as Record<MyAccessFilter, number>;
  for (const e of found) {
    counts.all++;
    counts[e.status.kind]++;
  }
  const shown = params.filter === "all" ? found : found.filter((e) => e.status.kind === params.filter);
  return { ...listPage(shown, params.page, size), counts };
}
