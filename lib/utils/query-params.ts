// Reading a page's query string: one value per name, and page numbers that cannot reach a query
// as anything but a small whole number.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** The value of a name given once; a repeated name (`?q=a&q=b`) is no value. */
export const oneParam = (v: string | string[] | undefined): string | undefined => (typeof v === "string" ? v : undefined);

/** A zero-based page number; anything else (negative, fractional, huge, text) is the first page. */
export function pageParam(v: string | undefined): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}

/** Search text as typed, trimmed and bounded; blank is no search. */
export const searchParam = (v: string | undefined): string | undefined => v?.trim().slice(0, 200) || undefined;

/** `?a=1&b=x` of the values that are set (a 0, "" or undefined is left out, so links stay short); "" when none is. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== "" && value !== 0) q.set(name, String(value));
  const s = q.toString();
  return s ? `?${s}` : "";
}
