// Long lists on one page (1,000 customers): what a search finds, a page at a time. Pure.

/** Entries whose texts contain `search`, case-insensitively; no search keeps them all. */
export function matching<E>(entries: readonly E[], search: string | undefined, texts: (entry: E) => string[]): E[] {
  const needle = search?.toLowerCase();
  return needle ? entries.filter((e) => texts(e).some((t) => t.toLowerCase().includes(needle))) : [...entries];
}

export interface ListPage<E> {
  entries: E[];
  /** zero-based; a page past the end is the last one */
  page: number;
  total: number;
}

/** One page of `entries` (in display order). */
export function listPage<E>(entries: readonly E[], page: number, size: number): ListPage<E> {
  const shown = Math.min(Math.max(0, page), Math.max(0, Math.ceil(entries.length / size) - 1));
  return { entries: entries.slice(shown * size, (shown + 1) * size), page: shown, total: entries.length };
}
