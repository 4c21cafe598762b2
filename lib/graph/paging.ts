import type { GraphHttp } from "./http";

// Collections Graph returns a page at a time (sync, drift's approver lists, offboarding).

/**
 * Follows @odata.nextLink (absolute, same Graph origin) until the collection ends. A link back to
 * a page already read would never end (and repeat its values): it stops at once instead of after
 * 10,000 requests.
 */
export async function listAllPages<T = Record<string, unknown>>(http: GraphHttp, firstPath: string): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let path: string | undefined = firstPath;
  for (let page = 0; path; page++) {
    if (page > 10_000) throw new Error(`Paging through ${firstPath} did not end after 10,000 pages.`);
    if (seen.has(path)) throw new Error(`Paging through ${firstPath} led to the same page again (${path}): Graph's @odata.nextLink loops.`);
    seen.add(path);
    const response: { body: Record<string, unknown> } = await http.request<Record<string, unknown>>("GET", path);
    out.push(...(((response.body.value as T[] | undefined) ?? [])));
    const next = response.body["@odata.nextLink"];
    path = typeof next === "string" ? relativeToVersion(next) : undefined;
  }
  return out;
}

/** `https://graph…/v1.0/groups?$skiptoken=x` → `/groups?$skiptoken=x` (GraphHttp adds the version). */
export function relativeToVersion(link: string): string {
  const url = new URL(link);
  const path = url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, "");
  return `${path}${url.search}`;
}
