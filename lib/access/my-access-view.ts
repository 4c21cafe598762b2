// /me for an MSSP with 1,000 customers: a page of customers at a time, found by name or domain
// and by where the person stands. Pure: the page reads every entry once (cheap: the person's own
// rows) and this picks what to show.

import { oneParam, pageParam, searchParam, type RawSearchParams } from "@/lib/utils/query-params";
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
  const q = new URLSearchParams();
  if (p.search) q.set("q", p.search);
  if (p.filter && p.filter !== "all") q.set("status", p.filter);
  if (p.page) q.set("page", String(p.page));
  const s = q.toString();
  return s ? `?${s}` : "";
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
  const needle = params.search?.toLocaleLowerCase();
  const found = needle ? entries.filter((e) => e.displayName.toLocaleLowerCase().includes(needle) || e.primaryDomain.toLowerCase().includes(needle)) : entries;
  const counts = Object.fromEntries(MY_ACCESS_FILTERS.map((f) => [f, 0])) as Record<MyAccessFilter, number>;
  for (const e of found) {
    counts.all++;
    counts[e.status.kind]++;
  }
  const shown = params.filter === "all" ? found : found.filter((e) => e.status.kind === params.filter);
  const page = Math.min(params.page, Math.max(0, Math.ceil(shown.length / size) - 1));
  return { entries: shown.slice(page * size, (page + 1) * size), total: shown.length, counts, page };
}
