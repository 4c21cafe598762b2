/** Connected organizations, catalogs, resourceRequests and a catalog's resources, roles and packages. */
import { randomUUID } from "node:crypto";
import type { Route, RouteContext } from "../context.ts";
import { badRequest, forbidden, GraphError } from "../errors.ts";
import { checkPermission, PERMISSIONS } from "../permissions.ts";
import type { CatalogRecord, ConnectedOrganizationRecord, Json } from "../state/records.ts";
import { bodyOf, EM, entityResult, listResult, navigationId, optionalString, requireEntity, requireString } from "../entitlement/common.ts";
import { emSpecs } from "../entitlement/specs.ts";
import { addGroupResource, removeResource } from "../entitlement/resources.ts";

function normaliseIdentitySources(ctx: RouteContext, sources: unknown): Json[] {
  if (!Array.isArray(sources) || sources.length === 0) throw badRequest("The property 'identitySources' must list at least one identity source.");
  return (sources as Json[]).map((source, i) => {
    const type = source["@odata.type"];
    if (type === "#microsoft.graph.azureActiveDirectoryTenant") {
      const tenant = typeof source.tenantId === "string" ? ctx.world.tenants.get(source.tenantId.toLowerCase()) : undefined;
      if (!tenant) throw badRequest(`identitySources[${i}].tenantId '${String(source.tenantId)}' is not an existing Microsoft Entra tenant.`);
      return { "@odata.type": type, tenantId: tenant.id, displayName: optionalString(source.displayName) ?? tenant.displayName };
    }
    if (type === "#microsoft.graph.domainIdentitySource") {
      const domain = typeof source.domainName === "string" ? source.domainName : "";
      if (!domain) throw badRequest(`identitySources[${i}].domainName is required.`);
      // A domain that belongs to an Entra tenant is stored as that tenant, as Graph does.
      const tenant = ctx.world.findTenant(domain);
      if (tenant) return { "@odata.type": "#microsoft.graph.azureActiveDirectoryTenant", tenantId: tenant.id, displayName: tenant.displayName };
      return { "@odata.type": type, domainName: domain, displayName: optionalString(source.displayName) ?? domain };
    }
    if (type === "#microsoft.graph.externalDomainFederation") return { ...source };
    throw badRequest(`identitySources[${i}]: '${String(type)}' identity sources cannot be used for a connected organization here.`);
  });
}

function connectedOrganizationFields(ctx: RouteContext, body: Json, existing?: ConnectedOrganizationRecord): Omit<ConnectedOrganizationRecord, "id" | "createdDateTime"> {
  return {
    displayName: body.displayName !== undefined ? requireString(body, "displayName", "connectedOrganization") : existing?.displayName ?? requireString(body, "displayName", "connectedOrganization"),
    description: body.description !== undefined ? optionalString(body.description) : existing?.description ?? null,
    identitySources: body.identitySources !== undefined || !existing ? normaliseIdentitySources(ctx, body.identitySources) : existing.identitySources,
    state: (body.state as string | undefined) ?? existing?.state ?? "configured",
    modifiedDateTime: ctx.now(),
  };
}

function catalogFields(ctx: RouteContext, body: Json, existing?: CatalogRecord): Omit<CatalogRecord, "id" | "createdDateTime"> {
  return {
    displayName: body.displayName !== undefined || !existing ? requireString(body, "displayName", "accessPackageCatalog") : existing.displayName,
    description: body.description !== undefined ? optionalString(body.description) : existing?.description ?? null,
    catalogType: (body.catalogType as string | undefined) ?? existing?.catalogType ?? "userManaged",
    state: (body.state as string | undefined) ?? existing?.state ?? "published",
    // Not externally visible unless asked for: connected-organization users then cannot request.
    isExternallyVisible: (body.isExternallyVisible as boolean | undefined) ?? existing?.isExternallyVisible ?? false,
    modifiedDateTime: ctx.now(),
  };
}

export const emCatalogRoutes: Route[] = [
  { method: "GET", pattern: `${EM}/connectedOrganizations`, permission: PERMISSIONS.emRead,
    handle: (ctx) => listResult(ctx, [...ctx.state.connectedOrganizations.values()], emSpecs(ctx.state).connectedOrganization, "identityGovernance/entitlementManagement/connectedOrganizations") },
  { method: "POST", pattern: `${EM}/connectedOrganizations`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const body = bodyOf(ctx, "connectedOrganization");
      const record: ConnectedOrganizationRecord = { id: randomUUID(), createdDateTime: ctx.now(), ...connectedOrganizationFields(ctx, body) };
      ctx.state.connectedOrganizations.set(record.id, record);
      return entityResult(ctx, record, emSpecs(ctx.state).connectedOrganization, "identityGovernance/entitlementManagement/connectedOrganizations", 201);
    } },
  { method: "GET", pattern: `${EM}/connectedOrganizations/{id}`, permission: PERMISSIONS.emRead,
    handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.connectedOrganizations, ctx.params.id), emSpecs(ctx.state).connectedOrganization, "identityGovernance/entitlementManagement/connectedOrganizations") },
  { method: "PATCH", pattern: `${EM}/connectedOrganizations/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.connectedOrganizations, ctx.params.id);
      Object.assign(record, connectedOrganizationFields(ctx, bodyOf(ctx, "connectedOrganization"), record));
      return { status: 204 };
    } },
  { method: "DELETE", pattern: `${EM}/connectedOrganizations/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.connectedOrganizations, ctx.params.id);
      ctx.state.connectedOrganizations.delete(record.id);
      return { status: 204 };
    } },

  { method: "GET", pattern: `${EM}/catalogs`, permission: PERMISSIONS.emRead,
    handle: (ctx) => listResult(ctx, [...ctx.state.catalogs.values()], emSpecs(ctx.state).catalog, "identityGovernance/entitlementManagement/catalogs") },
  { method: "POST", pattern: `${EM}/catalogs`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const body = bodyOf(ctx, "accessPackageCatalog");
      const record: CatalogRecord = { id: randomUUID(), createdDateTime: ctx.now(), ...catalogFields(ctx, body) };
      ctx.state.catalogs.set(record.id, record);
      return entityResult(ctx, record, emSpecs(ctx.state).catalog, "identityGovernance/entitlementManagement/catalogs", 201);
    } },
  { method: "GET", pattern: `${EM}/catalogs/{id}`, permission: PERMISSIONS.emRead,
    handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.catalogs, ctx.params.id), emSpecs(ctx.state).catalog, "identityGovernance/entitlementManagement/catalogs") },
  { method: "PATCH", pattern: `${EM}/catalogs/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.catalogs, ctx.params.id);
      Object.assign(record, catalogFields(ctx, bodyOf(ctx, "accessPackageCatalog"), record));
      return { status: 204 };
    } },
  { method: "DELETE", pattern: `${EM}/catalogs/{id}`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const record = requireEntity(ctx.state.catalogs, ctx.params.id);
      if ([...ctx.state.accessPackages.values()].some((p) => p.catalogId === record.id)) {
        throw new GraphError(400, "CatalogNotEmpty", `The catalog '${record.displayName}' still contains access packages; delete them first.`);
      }
      for (const resource of [...ctx.state.resources.values()].filter((r) => r.catalogId === record.id)) removeResource(ctx.state, resource);
      ctx.state.catalogs.delete(record.id);
      return { status: 204 };
    } },
  { method: "GET", pattern: `${EM}/catalogs/{id}/resources`, permission: PERMISSIONS.emRead,
    handle: (ctx) => {
      const catalog = requireEntity(ctx.state.catalogs, ctx.params.id);
      return listResult(ctx, [...ctx.state.resources.values()].filter((r) => r.catalogId === catalog.id), emSpecs(ctx.state).resource, "identityGovernance/entitlementManagement/catalogs('id')/resources");
    } },
  { method: "GET", pattern: `${EM}/catalogs/{id}/resourceRoles`, permission: PERMISSIONS.emRead,
    handle: (ctx) => {
      const catalog = requireEntity(ctx.state.catalogs, ctx.params.id);
      const roles = [...ctx.state.resourceRoles.values()].filter((r) => ctx.state.resources.get(r.resourceId)?.catalogId === catalog.id);
      return listResult(ctx, roles, emSpecs(ctx.state).role, "identityGovernance/entitlementManagement/catalogs('id')/resourceRoles");
    } },
  { method: "GET", pattern: `${EM}/catalogs/{id}/accessPackages`, permission: PERMISSIONS.emRead,
    handle: (ctx) => {
      const catalog = requireEntity(ctx.state.catalogs, ctx.params.id);
      return listResult(ctx, [...ctx.state.accessPackages.values()].filter((p) => p.catalogId === catalog.id), emSpecs(ctx.state).accessPackage, "identityGovernance/entitlementManagement/catalogs('id')/accessPackages");
    } },

  { method: "GET", pattern: `${EM}/resourceRequests`, permission: PERMISSIONS.emRead,
    handle: (ctx) => listResult(ctx, [...ctx.state.resourceRequests.values()], emSpecs(ctx.state).resourceRequest, "identityGovernance/entitlementManagement/resourceRequests") },
  { method: "GET", pattern: `${EM}/resourceRequests/{id}`, permission: PERMISSIONS.emRead,
    handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.resourceRequests, ctx.params.id), emSpecs(ctx.state).resourceRequest, "identityGovernance/entitlementManagement/resourceRequests") },
  { method: "POST", pattern: `${EM}/resourceRequests`, permission: PERMISSIONS.emWrite,
    handle: (ctx) => {
      const body = bodyOf(ctx, "accessPackageResourceRequest");
      const catalog = requireEntity(ctx.state.catalogs, navigationId(body, "catalog"));
      const resource = (body.resource ?? {}) as Json;
      const requestType = body.requestType;
      if (requestType !== "adminAdd" && requestType !== "adminRemove") {
        throw badRequest(`requestType '${String(requestType)}' is not supported for resource requests; use 'adminAdd' or 'adminRemove'.`);
      }
      const originSystem = resource.originSystem;
      if (originSystem !== "AadGroup") throw badRequest(`originSystem '${String(originSystem)}' is not supported by the emulator; only 'AadGroup' resources can be added.`);
      if (requestType === "adminAdd" && !checkPermission(PERMISSIONS.emAddGroup, ctx.principal).ok) {
        throw forbidden("Adding a group to a catalog with application permissions also requires Group.ReadWrite.All.");
      }
      const record = requestType === "adminAdd" ? addGroupResource(ctx, catalog, resource) : removeResourceRequest(ctx, catalog, resource);
      return entityResult(ctx, record, emSpecs(ctx.state).resourceRequest, "identityGovernance/entitlementManagement/resourceRequests", 201);
    } },
];

function removeResourceRequest(ctx: RouteContext, catalog: CatalogRecord, resource: Json) {
  const match = [...ctx.state.resources.values()].find((r) => r.catalogId === catalog.id && (r.id === String(resource.id ?? "").toLowerCase() || r.originId === String(resource.originId ?? "").toLowerCase()));
  if (!match) throw new GraphError(404, "ResourceNotFound", "The resource is not in this catalog.");
  removeResource(ctx.state, match);
  const record = { id: randomUUID(), catalogId: catalog.id, requestType: "adminRemove", state: "delivered", createdDateTime: ctx.now(), resourceId: null };
  ctx.state.resourceRequests.set(record.id, record);
  return record;
}
