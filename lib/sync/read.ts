import "server-only";
import type { GraphHttp } from "@/lib/graph/http";
import { listAllPages } from "@/lib/graph/paging";
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
