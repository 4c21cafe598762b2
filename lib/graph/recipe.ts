import "server-only";
import type { GraphHttp } from "./http";
import { GraphError } from "./errors";
import { recipePaths as P } from "./recipe-paths";

/**
 * Typed calls of the provisioning recipe (GRAPH-API §2–§4). Each write returns the created or
 * changed object's id with Graph's request-id, which the engine records on its step.
 */

export interface Written {
  id: string;
  requestId?: string;
}

export interface GroupBody {
  displayName: string;
  description: string;
  mailNickname: string;
}

export interface IdentitySource {
  "@odata.type"?: string;
  tenantId?: string;
  displayName?: string;
}

export interface ConnectedOrganizationBody {
  displayName: string;
  description: string;
  state: "configured" | "proposed";
  identitySources: IdentitySource[];
}

export interface CatalogBody {
  displayName: string;
  description: string;
  state: "published" | "unpublished";
  isExternallyVisible: boolean;
}

export interface AccessPackageBody {
  displayName: string;
  description: string;
  isHidden: boolean;
}

export interface CatalogResource {
  id: string;
  originId: string;
  displayName?: string;
  scopes?: { id: string; originId: string; isRootScope?: boolean }[];
  roles?: ResourceRole[];
}

export interface ResourceRole {
  id: string;
  displayName: string;
  originId: string;
  resource?: { id: string; originId: string };
}

export interface TenantInformation {
  tenantId: string;
  displayName?: string | null;
  defaultDomainName?: string | null;
}

export interface DefenderRoleBody {
  displayName: string;
  description: string;
  rolePermissions: { allowedResourceActions: string[] }[];
}

export interface DefenderAssignmentBody {
  displayName: string;
  roleDefinitionId: string;
  principalIds: string[];
  appScopeIds: string[];
}

function written(response: { body: { id?: string }; requestId?: string }, what: string): Written {
  const id = response.body?.id;
  if (typeof id !== "string" || id === "") throw new GraphError(`${what}: Graph returned no id`, { status: 200, code: "missingId" });
  return { id: id.toLowerCase(), ...(response.requestId ? { requestId: response.requestId } : {}) };
}

async function withRequestId(call: Promise<{ requestId?: string }>): Promise<{ requestId?: string }> {
  const { requestId } = await call;
  return requestId ? { requestId } : {};
}

export const recipe = {
  async tenantByDomain(http: GraphHttp, domain: string): Promise<TenantInformation> {
    return (await http.request<TenantInformation>("GET", P.tenantByDomain(domain))).body;
  },

  async createGroup(http: GraphHttp, body: GroupBody): Promise<Written> {
    return written(await http.request("POST", P.groups(), { ...body, mailEnabled: false, securityEnabled: true, groupTypes: [] }), "create group");
  },
  updateGroup: (http: GraphHttp, id: string, patch: Partial<GroupBody>) => withRequestId(http.request("PATCH", P.groupWrite(id), patch)),

  async createConnectedOrganization(http: GraphHttp, body: ConnectedOrganizationBody): Promise<Written> {
    return written(await http.request("POST", P.connectedOrganizations(), body), "create connected organization");
  },
  updateConnectedOrganization: (http: GraphHttp, id: string, patch: Partial<ConnectedOrganizationBody>) =>
    withRequestId(http.request("PATCH", P.connectedOrganizationWrite(id), patch)),

  async createCatalog(http: GraphHttp, body: CatalogBody): Promise<Written> {
    return written(await http.request("POST", P.catalogs(), body), "create catalog");
  },
  updateCatalog: (http: GraphHttp, id: string, patch: Partial<CatalogBody>) => withRequestId(http.request("PATCH", P.catalogWrite(id), patch)),

  /** adminAdd of a group to a catalog (GRAPH-API §3.4); the request's id is not the resource's. */
  addGroupToCatalog: (http: GraphHttp, catalogId: string, group: { id: string; displayName: string }) =>
    withRequestId(http.request("POST", P.resourceRequests(), { requestType: "adminAdd", resource: { originId: group.id, originSystem: "AadGroup", displayName: group.displayName }, catalog: { id: catalogId } })),
  async catalogGroupResources(http: GraphHttp, catalogId: string): Promise<CatalogResource[]> {
    return (await http.request<{ value?: CatalogResource[] }>("GET", P.catalogResources(catalogId))).body.value ?? [];
  },
  async memberRole(http: GraphHttp, catalogId: string, groupId: string): Promise<ResourceRole | undefined> {
    const roles = (await http.request<{ value?: ResourceRole[] }>("GET", P.catalogMemberRoles(catalogId, groupId))).body.value ?? [];
    return roles.find((r) => r.displayName === "Member");
  },

  async createAccessPackage(http: GraphHttp, catalogId: string, body: AccessPackageBody): Promise<Written> {
    return written(await http.request("POST", P.accessPackages(), { ...body, catalog: { id: catalogId } }), "create access package");
  },
  updateAccessPackage: (http: GraphHttp, id: string, patch: Partial<AccessPackageBody>) => withRequestId(http.request("PATCH", P.accessPackageWrite(id), patch)),

  /** Puts the group's Member role (root scope) into the package (GRAPH-API §3.6). */
  async addRoleScope(http: GraphHttp, packageId: string, role: ResourceRole, resource: CatalogResource, groupId: string): Promise<Written> {
    const scope = resource.scopes?.find((s) => s.isRootScope) ?? resource.scopes?.[0];
    const body = {
      role: { id: role.id, displayName: "Member", originSystem: "AadGroup", originId: role.originId, resource: { id: resource.id, originId: groupId, originSystem: "AadGroup" } },
      scope: { ...(scope ? { id: scope.id } : {}), originId: groupId, originSystem: "AadGroup", isRootScope: true },
    };
    return written(await http.request("POST", P.resourceRoleScopes(packageId), body), "add role to access package");
  },

  async createPolicy(http: GraphHttp, packageId: string, body: Record<string, unknown>): Promise<Written> {
    return written(await http.request("POST", P.assignmentPolicies(), { ...body, accessPackage: { id: packageId } }), "create assignment policy");
  },
  /** v1.0 replaces a policy whole with PUT (GRAPH-API §0.8). */
  replacePolicy: (http: GraphHttp, id: string, packageId: string, body: Record<string, unknown>) =>
    withRequestId(http.request("PUT", P.assignmentPolicy(id), { id, ...body, accessPackage: { id: packageId } })),

  async createDefenderRole(http: GraphHttp, body: DefenderRoleBody): Promise<Written> {
    return written(await http.request("POST", P.defenderRoles(), body, { version: "beta" }), "create Defender role");
  },
  updateDefenderRole: (http: GraphHttp, id: string, patch: Partial<DefenderRoleBody>) =>
    withRequestId(http.request("PATCH", P.defenderRole(id), patch, { version: "beta" })),
  async createDefenderAssignment(http: GraphHttp, body: DefenderAssignmentBody): Promise<Written> {
    return written(await http.request("POST", P.defenderAssignments(), { "@odata.type": "#microsoft.graph.unifiedRoleAssignmentMultiple", ...body }, { version: "beta" }), "assign Defender role");
  },
  updateDefenderAssignment: (http: GraphHttp, id: string, patch: Partial<DefenderAssignmentBody>) =>
    withRequestId(http.request("PATCH", P.defenderAssignment(id), patch, { version: "beta" })),
};
