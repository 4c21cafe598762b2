import "server-only";
import { GraphError } from "@/lib/graph/errors";
import type { GraphHttp } from "@/lib/graph/http";
import { EM, recipePaths as P } from "@/lib/graph/recipe-paths";
import { listAllPages } from "@/lib/graph/paging";
import type { Removal } from "./order";

/**
 * One removal against Graph, then a read-back that proves it: the object answers 404 (or is no
 * longer listed). Idempotent: a 404 on the delete means someone removed it already, which is
 * the goal, so a resumed offboarding repeats nothing harmful.
 */

/** A person an ended assignment was for: a guest account entitlement management made in the tenant. */
export interface GuestLeft {
  objectId: string;
  name: string;
}

export type RemovalOutcome = { result: "removed" | "alreadyGone"; requestIds: string[]; detail?: string };

export interface RemoveDeps {
  http: GraphHttp;
  sleep: (ms: number) => Promise<void>;
  /** total wait for Graph to show a removal (adminRemove is asynchronous in Graph) */
  verifyBudgetMs?: number;
  /**
   * Told the guests of the assignments about to be ended, before any is ended: a stop between
   * Graph ending them and the step being recorded must not lose them (the resume finds none left).
   */
  noteGuests?: (guests: GuestLeft[]) => Promise<void>;
}

const notFound = (error: unknown) => error instanceof GraphError && error.status === 404;
const beta = { version: "beta" as const };

interface Assignment { id: string; state?: string; target?: { objectId?: string | null; displayName?: string | null; principalName?: string | null; email?: string | null } | null }

function activeAssignmentsPath(packageId: string): string {
  return `${EM}/assignments?$filter=${encodeURIComponent(`accessPackage/id eq '${packageId}' and state eq 'Delivered'`)}&$select=id,state&$expand=target`;
}

// Control characters, line and paragraph separators, bidi overrides and isolates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Text from the customer tenant (a guest's own name) as one line of plain text: it cannot add
 * lines to the text report or reorder what it shows, and it stays a sane length.
 */
export function oneLine(text: string, max = 256): string {
  const flat = text.replace(UNPRINTABLE, " ").replace(/ {2,}/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Each assignment's target once, named as Entra shows it (a target not yet a user has no object id). */
export function guestsOf(assignments: Assignment[]): GuestLeft[] {
  const guests = new Map<string, GuestLeft>();
  for (const { target } of assignments) {
    const objectId = oneLine(target?.objectId ?? "", 64).toLowerCase();
    if (!target || !objectId) continue;
    const name = oneLine(target.principalName || "") || oneLine(target.email || "") || oneLine(target.displayName || "") || objectId;
    if (!guests.has(objectId)) guests.set(objectId, { objectId, name });
  }
  return [...guests.values()];
}

async function gone(http: GraphHttp, path: string, version?: "beta"): Promise<boolean> {
  try {
    await http.request("GET", path, undefined, version ? beta : {});
    return false;
  } catch (error) {
    if (notFound(error)) return true;
    throw error;
  }
}

/** DELETE then read back; 404 on the DELETE is "already gone". */
async function deleteAndVerify(http: GraphHttp, deletePath: string, readPath: string, version?: "beta"): Promise<RemovalOutcome> {
  const requestIds: string[] = [];
  let result: RemovalOutcome["result"] = "removed";
  try {
    const { requestId } = await http.request("DELETE", deletePath, undefined, version ? beta : {});
    if (requestId) requestIds.push(requestId);
  } catch (error) {
    if (!notFound(error)) throw error;
    result = "alreadyGone";
  }
  if (!(await gone(http, readPath, version))) throw new GraphError("Graph accepted the deletion but still shows the object.", { status: 409, code: "stillPresent" });
  return { result, requestIds };
}

async function until(deps: RemoveDeps, what: string, check: () => Promise<boolean>): Promise<void> {
  const budget = deps.verifyBudgetMs ?? 30_000;
  let waited = 0;
  for (let attempt = 0; !(await check()); attempt++) {
    const wait = Math.min(2000, 250 * 2 ** attempt);
    if (waited + wait > budget) throw new GraphError(`Graph still shows ${what} after ${Math.round(waited / 1000)} s.`, { status: 409, code: "stillPresent" });
    await deps.sleep(wait);
    waited += wait;
  }
}

async function endAssignments(removal: Removal, deps: RemoveDeps): Promise<RemovalOutcome> {
  const { http } = deps;
  const packageId = removal.parents.packageId!;
  let active: Assignment[];
  try {
    // Every page: ending only the first 100 would leave the rest, and the read-back would time out.
    active = await listAllPages<Assignment>(http, activeAssignmentsPath(packageId));
  } catch (error) {
    if (notFound(error)) return { result: "alreadyGone", requestIds: [] };
    throw error;
  }
  if (active.length === 0) return { result: "alreadyGone", requestIds: [], detail: "no active assignments" };
  const guests = guestsOf(active);
  if (guests.length) await deps.noteGuests?.(guests);
  const requestIds: string[] = [];
  for (const assignment of active) {
    try {
      const { requestId } = await http.request("POST", `${EM}/assignmentRequests`, { requestType: "adminRemove", assignment: { id: assignment.id } });
      if (requestId) requestIds.push(requestId);
    } catch (error) {
      // Ended meanwhile (expired, removed by someone else): the read-back below decides.
      if (!(error instanceof GraphError) || (error.status !== 404 && error.status !== 400)) throw error;
    }
  }
  await until(deps, `active assignments of ${removal.displayName}`, async () => {
    const page = (await http.request<{ value?: Assignment[]; "@odata.nextLink"?: string }>("GET", activeAssignmentsPath(packageId))).body;
    return (page.value ?? []).length === 0 && !page["@odata.nextLink"];
  });
  return { result: "removed", requestIds, detail: `${active.length} assignment${active.length === 1 ? "" : "s"} ended` };
}

async function removeCatalogResource(removal: Removal, deps: RemoveDeps): Promise<RemovalOutcome> {
  const { http } = deps;
  const { catalogId, groupId } = removal.parents;
  if (!catalogId) return { result: "alreadyGone", requestIds: [], detail: "the catalog is not recorded" };
  const listed = async () => {
    try {
      const resources = (await http.request<{ value?: { id: string; originId: string }[] }>("GET", `${EM}/catalogs/${catalogId}/resources?$select=id,originId`)).body.value ?? [];
      return resources.some((r) => r.id.toLowerCase() === removal.graphId || (groupId !== undefined && r.originId.toLowerCase() === groupId));
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  };
  if (!(await listed())) return { result: "alreadyGone", requestIds: [] };
  const body = { requestType: "adminRemove", catalog: { id: catalogId }, resource: { id: removal.graphId, ...(groupId ? { originId: groupId } : {}), originSystem: "AadGroup" } };
  const requestIds: string[] = [];
  try {
    const { requestId } = await http.request("POST", P.resourceRequests(), body);
    if (requestId) requestIds.push(requestId);
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  await until(deps, `group ${removal.displayName} in the catalog`, async () => !(await listed()));
  return { result: "removed", requestIds };
}

export async function removeOne(removal: Removal, deps: RemoveDeps): Promise<RemovalOutcome> {
  const { http } = deps;
  const id = removal.graphId;
  switch (removal.kind) {
    case "assignments":
      return endAssignments(removal, deps);
    case "assignmentPolicy":
      return deleteAndVerify(http, P.assignmentPolicy(id), P.assignmentPolicy(id));
    case "resourceRoleScope": {
      const packageId = removal.parents.packageId;
      if (!packageId) return { result: "alreadyGone", requestIds: [], detail: "its access package is not recorded" };
      const requestIds: string[] = [];
      let result: RemovalOutcome["result"] = "removed";
      try {
        const { requestId } = await http.request("DELETE", `${P.resourceRoleScopes(packageId)}/${id}`);
        if (requestId) requestIds.push(requestId);
      } catch (error) {
        // 404: the scope, or the package and its scopes with it, is gone already.
        if (!notFound(error)) throw error;
        result = "alreadyGone";
      }
      // Role scopes have no GET of their own: the package's list is the read-back.
      try {
        const scopes = (await http.request<{ value?: { id: string }[] }>("GET", P.resourceRoleScopes(packageId))).body.value ?? [];
        if (scopes.some((s) => s.id.toLowerCase() === id)) throw new GraphError("Graph accepted the deletion but still lists the role scope.", { status: 409, code: "stillPresent" });
      } catch (error) {
        if (!notFound(error)) throw error;
      }
      return { result, requestIds };
    }
    case "accessPackage":
      return deleteAndVerify(http, P.accessPackageWrite(id), P.accessPackageWrite(id));
    case "catalogResource":
      return removeCatalogResource(removal, deps);
    case "catalog":
      return deleteAndVerify(http, P.catalogWrite(id), P.catalogWrite(id));
    case "connectedOrganization":
      return deleteAndVerify(http, P.connectedOrganizationWrite(id), P.connectedOrganizationWrite(id));
    case "defenderRoleAssignment":
      return deleteAndVerify(http, P.defenderAssignment(id), P.defenderAssignment(id), "beta");
    case "defenderRole":
      return deleteAndVerify(http, P.defenderRole(id), P.defenderRole(id), "beta");
    case "group":
      return deleteAndVerify(http, P.groupWrite(id), P.groupWrite(id));
  }
}
