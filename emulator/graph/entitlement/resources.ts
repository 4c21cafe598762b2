/** Onboarding a group into a catalog: the resource, its Member/Owner roles and its root scope. */
import { randomUUID } from "node:crypto";
import type { RouteContext } from "../context.ts";
import { GraphError } from "../errors.ts";
import type { CatalogRecord, Json, ResourceRecord, ResourceRequestRecord } from "../state/records.ts";
import type { TenantState } from "../state/tenant-state.ts";

export function addGroupResource(ctx: RouteContext, catalog: CatalogRecord, resource: Json): ResourceRequestRecord {
  const groupId = String(resource.originId ?? "").toLowerCase();
  const group = ctx.state.groups.get(groupId);
  // What entitlement management answers for a group it cannot see: one that does not exist,
  // or one created seconds ago that has not replicated to it yet (callers retry on this).
  if (!group) throw new GraphError(400, "ResourceNotFoundInOriginSystem", `The resource with originId '${groupId}' was not found in the origin system 'AadGroup'.`);
  // Uniqueness is checked on the primary: a resource that is still replicating counts.
  if (ctx.state.resources.rawValues().some((r) => r.catalogId === catalog.id && r.originId === group.id)) {
    throw new GraphError(400, "ResourceAlreadyOnboarded", `The group '${group.displayName}' is already a resource of the catalog '${catalog.displayName}'.`);
  }
  const now = ctx.now();
  const record: ResourceRecord = {
    id: randomUUID(), catalogId: catalog.id, displayName: group.displayName, description: group.description,
    originId: group.id, originSystem: "AadGroup", createdDateTime: now, modifiedDateTime: now,
  };
  ctx.state.resources.set(record.id, record);
  for (const role of ["Member", "Owner"]) {
    const id = randomUUID();
    ctx.state.resourceRoles.set(id, { id, resourceId: record.id, displayName: role, description: null, originId: `${role}_${group.id}`, originSystem: "AadGroup" });
  }
  const scopeId = randomUUID();
  ctx.state.resourceScopes.set(scopeId, { id: scopeId, resourceId: record.id, displayName: "Root", description: "Root Scope", originId: group.id, originSystem: "AadGroup", isRootScope: true });
  const request: ResourceRequestRecord = { id: randomUUID(), catalogId: catalog.id, requestType: "adminAdd", state: "delivered", createdDateTime: now, resourceId: record.id };
  ctx.state.resourceRequests.set(request.id, request);
  return request;
}

/** Removes a catalog resource; refuses while an access package still uses one of its roles. */
export function removeResource(state: TenantState, resource: ResourceRecord): void {
  const roleIds = new Set([...state.resourceRoles.values()].filter((r) => r.resourceId === resource.id).map((r) => r.id));
  if ([...state.roleScopes.values()].some((s) => roleIds.has(s.roleId))) {
    throw new GraphError(400, "ResourceInUse", `The resource '${resource.displayName}' is used by an access package; remove it from the package first.`);
  }
  for (const id of roleIds) state.resourceRoles.delete(id);
  for (const scope of [...state.resourceScopes.values()]) if (scope.resourceId === resource.id) state.resourceScopes.delete(scope.id);
  state.resources.delete(resource.id);
}
