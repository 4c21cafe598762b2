// The access matrix's query string, read the same way by the page and its CSV export. Pure:
// anything unexpected falls back to the default instead of reaching a query.

import { oneParam, pageParam, queryString, searchParam, type RawSearchParams } from "@/lib/utils/query-params";

export const MATRIX_FILTERS = ["all", "with-access", "expiring"] as const;
export type MatrixFilter = (typeof MATRIX_FILTERS)[number];

/** Staff rows and customer columns per page: a page of the matrix, never all 300 × 1,000. */
export const MATRIX_ROWS = 50;
export const MATRIX_COLUMNS = 25;

export interface MatrixParams {
  search: string | undefined;
  tier: string | undefined;
  filter: MatrixFilter;
  /** zero-based page of staff rows and of customer columns */
  page: number;
  columnPage: number;
}

export function parseMatrixParams(raw: RawSearchParams): MatrixParams {
  const search = searchParam(oneParam(raw.q));
  const tier = oneParam(raw.tier);
  const filter = oneParam(raw.filter);
  return {
    search,
    // Tier keys are blueprint keys ("tier1", "approvers"); anything else is no tier filter.
    tier: tier && /^[a-z0-9-]{1,40}$/i.test(tier) ? tier : undefined,
    filter: (MATRIX_FILTERS as readonly string[]).includes(filter ?? "") ? (filter as MatrixFilter) : "all",
    page: pageParam(oneParam(raw.page)),
    columnPage: pageParam(oneParam(raw.cols)),
  };
}

/** The query string of a matrix view, without defaults (so links stay short). */
export function matrixQueryString(p: Partial<MatrixParams>): string {
  return queryString({ q: p.search, tier: p.tier, filter: p.filter === "all" ? undefined : p.filter, page: p.page, cols: p.columnPage });
}
