import "server-only";
import type { GraphHttp } from "@/lib/graph/http";
import { EM } from "@/lib/graph/recipe-paths";

/**
 * The Graph reads of one tenant sync. Entitlement management has no delta query for assignments
 * or requests (docs/decisions/012-tenant-sync-reads.md), so each sync reads the current state with the
 * narrowest documented query and pages through `@odata.nextLink`; the write side then changes
 * only rows that differ.
 */

export type Loose = Record<string, unknown>;

export interface TenantSnapshot {
  assignments: Loose[];
  requests: Loose[];
  /** the approvers group's members (`id` only); null when the customer has no recorded approvers group */
  approvers: Loose[] | null;
}

/**
 * Follows @odata.nextLink (absolute, same Graph origin) until the collection ends. A link back to
 * a page already read would never end (and repeat its values): it stops at once instead of after
 * 10,000 requests.
 */
export async function listAllPages<T = Loose>(http: GraphHttp, firstPath: string): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let path: string | undefined = firstPath;
  for (let page = 0; path; page++) {
    if (page > 10_000) throw new Error(`Paging through ${firstPath} did not end after 10,000 pages.`);
    if (seen.has(path)) throw new Error(`Paging through ${firstPath} led to the same page again (${path}): Graph's @odata.nextLink loops.`);
    seen.add(path);
    const response: { body: Loose } = await http.request<Loose>("GET", path);
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

export const syncPaths = {
  // Every state, not only delivered: expired assignments are a person's history.
  assignments: () => `${EM}/assignments?$expand=target,accessPackage`,
  // Every request: pending ones feed the approvals queue, decided ones the history.
  requests: () => `${EM}/assignmentRequests?$expand=requestor,accessPackage`,
  // Ids only: members are directoryObjects, so user properties are not theirs in the v1.0 schema,
  // and app-only Graph fills them only with User.Read.All, which Gatehouse does not ask for. Who
  // they are comes from the assignment targets read beside (normalize.ts).
  approvers: (groupId: string) => `/groups/${groupId}/members?$select=id`,
};

export async function readTenant(http: GraphHttp, approversGroupId: string | null): Promise<TenantSnapshot> {
  // Independent collections: read in parallel, so a sync costs one round trip per page depth.
  const [assignments, requests, approvers] = await Promise.all([
    listAllPages(http, syncPaths.assignments()),
    listAllPages(http, syncPaths.requests()),
    approversGroupId ? listAllPages(http, syncPaths.approvers(approversGroupId)) : Promise.resolve(null),
  ]);
  return { assignments, requests, approvers };
}
