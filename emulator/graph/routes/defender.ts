/** beta /roleManagement/defender: Unified RBAC role definitions, assignments and the action catalog. */
import { randomUUID } from "node:crypto";
import type { Route, RouteContext } from "../context.ts";
import { badRequest, GraphError } from "../errors.ts";
import type { EntitySpec } from "../odata/shape.ts";
import { PERMISSIONS } from "../permissions.ts";
import type { DefenderRoleAssignmentRecord, DefenderRoleDefinitionRecord, Json } from "../state/records.ts";
import { bodyOf, entityResult, listResult, optionalString, requireEntity, requireString } from "../entitlement/common.ts";
import { isKnownAction, stableId, XDR_ACTIONS, XDR_NAMESPACE } from "../defender/actions.ts";

const BASE = "/roleManagement/defender";
const beta = ["beta" as const];

const roleSpec: EntitySpec<DefenderRoleDefinitionRecord> = { typeName: "unifiedRoleDefinition", flavour: "odata", toJson: (r) => ({ ...r, resourceScopes: ["/"] }) };
const assignmentSpec: EntitySpec<DefenderRoleAssignmentRecord> = { typeName: "unifiedRoleAssignmentMultiple", flavour: "odata", toJson: (a) => ({ "@odata.type": "#microsoft.graph.unifiedRoleAssignmentMultiple", ...a }) };
const actionSpec: EntitySpec<(typeof XDR_ACTIONS)[number]> = {
  typeName: "unifiedRbacResourceAction", flavour: "odata",
  toJson: (a) => ({ id: stableId("xdr-action", a.name), name: a.name, description: a.description, actionVerb: a.name.endsWith("/read") ? "GET" : "POST", isPrivileged: a.isPrivileged, resourceScopeId: null, authenticationContextId: null, isAuthenticationContextSettable: false }),
};
const namespaceSpec: EntitySpec<string> = {
  typeName: "unifiedRbacResourceNamespace", flavour: "odata",
  toJson: (name) => ({ id: name, name }),
  navigations: { resourceActions: () => ({ spec: actionSpec, value: XDR_ACTIONS }) },
};

function rolePermissions(body: Json): DefenderRoleDefinitionRecord["rolePermissions"] {
  const permissions = body.rolePermissions as Json[] | undefined;
  if (!Array.isArray(permissions) || permissions.length === 0) throw badRequest("rolePermissions must contain at least one permission.");
  return permissions.map((p, i) => {
    const allowed = (p.allowedResourceActions as string[] | undefined) ?? [];
    if (allowed.length === 0) throw badRequest(`rolePermissions[${i}].allowedResourceActions must not be empty.`);
    for (const action of [...allowed, ...((p.excludedResourceActions as string[] | undefined) ?? [])]) {
      if (!isKnownAction(action)) throw badRequest(`The resource action '${action}' is not a valid action of the '${XDR_NAMESPACE}' namespace.`);
    }
    return { allowedResourceActions: allowed, condition: optionalString(p.condition), excludedResourceActions: (p.excludedResourceActions as string[] | undefined) ?? [] };
  });
}

function editableRole(ctx: RouteContext): DefenderRoleDefinitionRecord {
  const role = requireEntity(ctx.state.defenderRoles, ctx.params.id);
  if (role.isBuiltIn) throw new GraphError(403, "Authorization_RequestDenied", `The built-in role '${role.displayName}' cannot be modified or deleted.`);
  return role;
}

function assignmentFields(ctx: RouteContext, body: Json, existing?: DefenderRoleAssignmentRecord): Omit<DefenderRoleAssignmentRecord, "id"> {
  const roleDefinitionId = String(body.roleDefinitionId ?? existing?.roleDefinitionId ?? "").toLowerCase();
  if (!ctx.state.defenderRoles.has(roleDefinitionId)) throw badRequest(`roleDefinitionId '${roleDefinitionId}' is not a Defender role definition of this tenant.`);
  const principalIds = ((body.principalIds as string[] | undefined) ?? existing?.principalIds ?? []).map((id) => id.toLowerCase());
  if (principalIds.length === 0) throw badRequest("principalIds must contain at least one group id.");
  for (const id of principalIds) if (!ctx.state.groups.has(id)) throw badRequest(`principalIds: '${id}' is not a group of this tenant.`);
  return {
    displayName: body.displayName !== undefined ? optionalString(body.displayName) : existing?.displayName ?? null,
    description: body.description !== undefined ? optionalString(body.description) : existing?.description ?? null,
    roleDefinitionId,
    principalIds,
    appScopeIds: (body.appScopeIds as string[] | undefined) ?? existing?.appScopeIds ?? ["/"],
    directoryScopeIds: (body.directoryScopeIds as string[] | undefined) ?? existing?.directoryScopeIds ?? [],
  };
}

export const defenderRoutes: Route[] = [
  { method: "GET", pattern: `${BASE}/roleDefinitions`, versions: beta, permission: PERMISSIONS.defenderRead,
    handle: (ctx) => listResult(ctx, [...ctx.state.defenderRoles.values()], roleSpec, "roleManagement/defender/roleDefinitions") },
  { method: "POST", pattern: `${BASE}/roleDefinitions`, versions: beta, permission: PERMISSIONS.defenderWrite,
    handle: (ctx) => {
      const body = bodyOf(ctx, "unifiedRoleDefinition");
      const id = randomUUID();
      const record: DefenderRoleDefinitionRecord = {
        id, displayName: requireString(body, "displayName", "unifiedRoleDefinition"), description: optionalString(body.description),
        isBuiltIn: false, isEnabled: (body.isEnabled as boolean | undefined) ?? true, rolePermissions: rolePermissions(body), templateId: id, version: null,
      };
      if (ctx.state.defenderRoles.rawValues().some((r) => r.displayName.toLowerCase() === record.displayName.toLowerCase())) {
        throw new GraphError(409, "Conflict", `A role named '${record.displayName}' already exists.`);
      }
      ctx.state.defenderRoles.set(id, record);
      return entityResult(ctx, record, roleSpec, "roleManagement/defender/roleDefinitions", 201);
    } },
  { method: "GET", pattern: `${BASE}/roleDefinitions/{id}`, versions: beta, permission: PERMISSIONS.defenderRead,
    handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.defenderRoles, ctx.params.id), roleSpec, "roleManagement/defender/roleDefinitions") },
  { method: "PATCH", pattern: `${BASE}/roleDefinitions/{id}`, versions: beta, permission: PERMISSIONS.defenderWrite,
    handle: (ctx) => {
      const role = editableRole(ctx);
      const body = bodyOf(ctx, "unifiedRoleDefinition");
      if (body.displayName !== undefined) role.displayName = requireString(body, "displayName", "unifiedRoleDefinition");
      if (body.description !== undefined) role.description = optionalString(body.description);
      if (typeof body.isEnabled === "boolean") role.isEnabled = body.isEnabled;
      if (body.rolePermissions !== undefined) role.rolePermissions = rolePermissions(body);
      return { status: 204 };
    } },
  { method: "DELETE", pattern: `${BASE}/roleDefinitions/{id}`, versions: beta, permission: PERMISSIONS.defenderWrite,
    handle: (ctx) => {
      const role = editableRole(ctx);
      if ([...ctx.state.defenderAssignments.values()].some((a) => a.roleDefinitionId === role.id)) {
        throw badRequest(`The role '${role.displayName}' is still assigned; delete its role assignments first.`);
      }
      ctx.state.defenderRoles.delete(role.id);
      return { status: 204 };
    } },
  { method: "GET", pattern: `${BASE}/roleAssignments`, versions: beta, permission: PERMISSIONS.defenderRead,
    handle: (ctx) => listResult(ctx, [...ctx.state.defenderAssignments.values()], assignmentSpec, "roleManagement/defender/roleAssignments") },
  { method: "POST", pattern: `${BASE}/roleAssignments`, versions: beta, permission: PERMISSIONS.defenderWrite,
    handle: (ctx) => {
      const record = { id: randomUUID(), ...assignmentFields(ctx, bodyOf(ctx, "unifiedRoleAssignmentMultiple")) };
      ctx.state.defenderAssignments.set(record.id, record);
      return entityResult(ctx, record, assignmentSpec, "roleManagement/defender/roleAssignments", 201);
    } },
  { method: "GET", pattern: `${BASE}/roleAssignments/{id}`, versions: beta, permission: PERMISSIONS.defenderRead,
    handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.defenderAssignments, ctx.params.id), assignmentSpec, "roleManagement/defender/roleAssignments") },
  { method: "PATCH", pattern: `${BASE}/roleAssignments/{id}`, versions: beta, permission: PERMISSIONS.defenderWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.defenderAssignments, ctx.params.id);
      Object.assign(record, assignmentFields(ctx, bodyOf(ctx, "unifiedRoleAssignmentMultiple"), record));
      return { status: 204 };
    } },
  { method: "DELETE", pattern: `${BASE}/roleAssignments/{id}`, versions: beta, permission: PERMISSIONS.defenderWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.defenderAssignments, ctx.params.id);
      ctx.state.defenderAssignments.delete(record.id);
      return { status: 204 };
    } },
  { method: "GET", pattern: `${BASE}/resourceNamespaces`, versions: beta, permission: PERMISSIONS.defenderRead,
    handle: (ctx) => listResult(ctx, [XDR_NAMESPACE], namespaceSpec, "roleManagement/defender/resourceNamespaces") },
];
