/** Access packages, their resourceRoleScopes, and assignment policies. */
import { randomUUID } from "node:crypto";
import type { Route, RouteContext } from "../context.ts";
import { badRequest, GraphError } from "../errors.ts";
import { PERMISSIONS } from "../permissions.ts";
import type { AccessPackageRecord, Json, PolicyRecord, ResourceRoleRecord } from "../state/records.ts";
import { bodyOf, EM, entityResult, listResult, navigationId, optionalString, requireEntity, requireString } from "../entitlement/common.ts";
import { emSpecs } from "../entitlement/specs.ts";
import { policySettings } from "../entitlement/policy-rules.ts";

const PACKAGES = "identityGovernance/entitlementManagement/accessPackages";
const POLICIES = "identityGovernance/entitlementManagement/assignmentPolicies";

function resolveRole(ctx: RouteContext, pkg: AccessPackageRecord, role: Json): ResourceRoleRecord {
  const inCatalog = (r: ResourceRoleRecord) => ctx.state.resources.get(r.resourceId)?.catalogId === pkg.catalogId;
  const byId = typeof role.id === "string" ? ctx.state.resourceRoles.get(role.id.toLowerCase()) : undefined;
  const resource = (role.resource ?? {}) as Json;
  const found = byId ?? [...ctx.state.resourceRoles.values()].find((r) =>
    inCatalog(r) && r.originId.toLowerCase() === String(role.originId ?? "").toLowerCase() &&
    (!resource.id || r.resourceId === String(resource.id).toLowerCase()));
  if (!found) throw new GraphError(404, "ResourceNotFound", `The resource role '${String(role.id ?? role.originId)}' was not found.`);
  if (!inCatalog(found)) throw badRequest(`The resource of role '${found.originId}' is not in the access package's catalog; add it to the catalog with a resourceRequest first.`);
  return found;
}

function createRoleScope(ctx: RouteContext) {
  const pkg = requireEntity(ctx.state.accessPackages, ctx.params.id);
  const body = bodyOf(ctx, "accessPackageResourceRoleScope");
  if (!body.role || !body.scope) throw badRequest("Both 'role' and 'scope' are required on 'accessPackageResourceRoleScope'.");
  const role = resolveRole(ctx, pkg, body.role as Json);
  const scopeBody = body.scope as Json;
  const scopes = [...ctx.state.resourceScopes.values()].filter((s) => s.resourceId === role.resourceId);
  const scope = typeof scopeBody.id === "string" ? scopes.find((s) => s.id === String(scopeBody.id).toLowerCase()) : scopes.find((s) => s.isRootScope);
  if (!scope) throw badRequest(`The scope '${String(scopeBody.id ?? "root")}' does not belong to the role's resource.`);
  const id = `${role.id}_${scope.id}`;
  if (ctx.state.roleScopes.rawHas(id)) throw new GraphError(409, "RoleScopeAlreadyExists", "This resource role and scope are already in the access package.");
  const record = { id, accessPackageId: pkg.id, roleId: role.id, scopeId: scope.id, createdDateTime: ctx.now() };
  ctx.state.roleScopes.set(id, record);
  return entityResult(ctx, record, emSpecs(ctx.state).roleScope, `${PACKAGES}('${pkg.id}')/resourceRoleScopes`, 201);
}

function storePolicy(ctx: RouteContext, existing?: PolicyRecord) {
  const body = bodyOf(ctx, "accessPackageAssignmentPolicy");
  if (existing && typeof body.id === "string" && body.id.toLowerCase() !== existing.id) throw badRequest("The 'id' in the body does not match the policy being replaced.");
  const pkg = requireEntity(ctx.state.accessPackages, body.accessPackage ? navigationId(body, "accessPackage") : existing?.accessPackageId);
  if (existing && pkg.id !== existing.accessPackageId) throw badRequest("A policy cannot be moved to another access package.");
  const now = ctx.now();
  const record: PolicyRecord = {
    id: existing?.id ?? randomUUID(),
    accessPackageId: pkg.id,
    catalogId: pkg.catalogId,
    settings: policySettings(ctx.state, body, ctx.world.now()),
    createdDateTime: existing?.createdDateTime ?? now,
    modifiedDateTime: now,
  };
  ctx.state.policies.set(record.id, record);
  return entityResult(ctx, record, emSpecs(ctx.state).policy, POLICIES, existing ? 200 : 201);
}

export const emPackageRoutes: Route[] = [
  { method: "GET", pattern: `${EM}/accessPackages`, permission: PERMISSIONS.emRead,
    handle: (ctx) => listResult(ctx, [...ctx.state.accessPackages.values()], emSpecs(ctx.state).accessPackage, PACKAGES) },
  { method: "POST", pattern: `${EM}/accessPackages`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const body = bodyOf(ctx, "accessPackage");
      const catalog = requireEntity(ctx.state.catalogs, navigationId(body, "catalog"));
      const now = ctx.now();
      const record: AccessPackageRecord = {
        id: randomUUID(), catalogId: catalog.id, displayName: requireString(body, "displayName", "accessPackage"),
        description: optionalString(body.description), isHidden: (body.isHidden as boolean | undefined) ?? false, createdDateTime: now, modifiedDateTime: now,
      };
      ctx.state.accessPackages.set(record.id, record);
      return entityResult(ctx, record, emSpecs(ctx.state).accessPackage, PACKAGES, 201);
    } },
  { method: "GET", pattern: `${EM}/accessPackages/{id}`, permission: PERMISSIONS.emRead,
    handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.accessPackages, ctx.params.id), emSpecs(ctx.state).accessPackage, PACKAGES) },
  { method: "PATCH", pattern: `${EM}/accessPackages/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.accessPackages, ctx.params.id);
      const body = bodyOf(ctx, "accessPackage");
      if (body.catalog) throw badRequest("An access package cannot be moved to another catalog.");
      if (body.displayName !== undefined) record.displayName = requireString(body, "displayName", "accessPackage");
      if (body.description !== undefined) record.description = optionalString(body.description);
      if (typeof body.isHidden === "boolean") record.isHidden = body.isHidden;
      record.modifiedDateTime = ctx.now();
      return { status: 204 };
    } },
  { method: "DELETE", pattern: `${EM}/accessPackages/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.accessPackages, ctx.params.id);
      if ([...ctx.state.assignments.values()].some((a) => a.accessPackageId === record.id && a.state === "delivered")) {
        throw new GraphError(400, "AccessPackageHasAssignments", `The access package '${record.displayName}' has active assignments and cannot be deleted.`);
      }
      for (const [id, p] of ctx.state.policies) if (p.accessPackageId === record.id) ctx.state.policies.delete(id);
      for (const [id, s] of ctx.state.roleScopes) if (s.accessPackageId === record.id) ctx.state.roleScopes.delete(id);
      ctx.state.accessPackages.delete(record.id);
      return { status: 204 };
    } },
  { method: "GET", pattern: `${EM}/accessPackages/{id}/assignmentPolicies`, permission: PERMISSIONS.emRead,
    handle: (ctx) => {
      const pkg = requireEntity(ctx.state.accessPackages, ctx.params.id);
      return listResult(ctx, [...ctx.state.policies.values()].filter((p) => p.accessPackageId === pkg.id), emSpecs(ctx.state).policy, POLICIES);
    } },
  { method: "GET", pattern: `${EM}/accessPackages/{id}/resourceRoleScopes`, permission: PERMISSIONS.emRead,
    handle: (ctx) => {
      const pkg = requireEntity(ctx.state.accessPackages, ctx.params.id);
      return listResult(ctx, [...ctx.state.roleScopes.values()].filter((s) => s.accessPackageId === pkg.id), emSpecs(ctx.state).roleScope, `${PACKAGES}('${pkg.id}')/resourceRoleScopes`);
    } },
  { method: "POST", pattern: `${EM}/accessPackages/{id}/resourceRoleScopes`, permission: PERMISSIONS.emWrite, handle: createRoleScope },
  { method: "DELETE", pattern: `${EM}/accessPackages/{id}/resourceRoleScopes/{scopeId}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const pkg = requireEntity(ctx.state.accessPackages, ctx.params.id);
      const scope = requireEntity(ctx.state.roleScopes, ctx.params.scopeId);
      if (scope.accessPackageId !== pkg.id) throw new GraphError(404, "ResourceNotFound", `Resource '${ctx.params.scopeId}' was not found.`);
      ctx.state.roleScopes.delete(scope.id);
      return { status: 204 };
    } },

  { method: "GET", pattern: `${EM}/assignmentPolicies`, permission: PERMISSIONS.emRead,
    handle: (ctx) => listResult(ctx, [...ctx.state.policies.values()], emSpecs(ctx.state).policy, POLICIES) },
  { method: "POST", pattern: `${EM}/assignmentPolicies`, permission: PERMISSIONS.emWrite, handle: (ctx) => storePolicy(ctx) },
  { method: "GET", pattern: `${EM}/assignmentPolicies/{id}`, permission: PERMISSIONS.emRead,
    handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.policies, ctx.params.id), emSpecs(ctx.state).policy, POLICIES) },
  { method: "PUT", pattern: `${EM}/assignmentPolicies/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => storePolicy(ctx, requireEntity(ctx.state.policies, ctx.params.id)) },
  { method: "DELETE", pattern: `${EM}/assignmentPolicies/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.policies, ctx.params.id);
      ctx.state.policies.delete(record.id);
      return { status: 204 };
    } },
];
