import "server-only";

/**
 * URLs of the provisioning recipe's Graph resources (GRAPH-API §2–§4), relative to the
 * version, so single calls and `$batch` items are built from one place.
 */

export const EM = "/identityGovernance/entitlementManagement";
export const DEFENDER = "/roleManagement/defender";

/** OData string literal, percent-encoded so `/ ? # &` stay inside it. */
export function odataString(value: string): string {
  return encodeURIComponent(`'${value.replaceAll("'", "''")}'`);
}

const GROUP_SELECT = "id,displayName,description,mailNickname,securityEnabled,mailEnabled";
const ORG_SELECT = "id,displayName,description,state,identitySources";
const CATALOG_SELECT = "id,displayName,description,state,isExternallyVisible";
const PACKAGE_SELECT = "id,displayName,description,isHidden";

export const recipePaths = {
  /** the tenant's service plans, for the licence pre-flight (governance-licence.ts) */
  organizationPlans: () => "/organization?$select=id,assignedPlans",
  tenantByDomain: (domain: string) => `/tenantRelationships/findTenantInformationByDomainName(domainName=${odataString(domain.trim())})`,

  groups: () => "/groups",
  group: (id: string) => `/groups/${id}?$select=${GROUP_SELECT}`,
  groupWrite: (id: string) => `/groups/${id}`,
  groupsByName: (name: string) => `/groups?$filter=displayName eq ${odataString(name)}&$select=${GROUP_SELECT}`,
  /** member ids only (GRAPH-API §2: GroupMember.Read.All or Group.ReadWrite.All) */
  groupMembers: (id: string) => `/groups/${id}/members?$select=id&$top=999`,
  /** POST `{"@odata.id": directoryObject(id)}` adds a member (GroupMember.ReadWrite.All) */
  groupMemberRef: (id: string) => `/groups/${id}/members/$ref`,
  /** DELETE removes one member (GroupMember.ReadWrite.All) */
  groupMemberRemove: (groupId: string, memberId: string) => `/groups/${groupId}/members/${memberId}/$ref`,
  directoryObject: (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`,

  connectedOrganizations: () => `${EM}/connectedOrganizations`,
  connectedOrganization: (id: string) => `${EM}/connectedOrganizations/${id}?$select=${ORG_SELECT}`,
  connectedOrganizationWrite: (id: string) => `${EM}/connectedOrganizations/${id}`,
  connectedOrganizationsByName: (name: string) => `${EM}/connectedOrganizations?$filter=displayName eq ${odataString(name)}&$select=${ORG_SELECT}`,

  catalogs: () => `${EM}/catalogs`,
  catalog: (id: string) => `${EM}/catalogs/${id}?$select=${CATALOG_SELECT}`,
  catalogWrite: (id: string) => `${EM}/catalogs/${id}`,
  catalogsByName: (name: string) => `${EM}/catalogs?$filter=displayName eq ${odataString(name)}&$select=${CATALOG_SELECT}`,
  /** every group resource of the catalog with its roles and scopes (one read for all groups) */
  catalogResources: (catalogId: string) => `${EM}/catalogs/${catalogId}/resources?$filter=${encodeURIComponent("originSystem eq 'AadGroup'")}&$expand=roles,scopes`,
  catalogMemberRoles: (catalogId: string, groupId: string) =>
    `${EM}/catalogs/${catalogId}/resourceRoles?$filter=${encodeURIComponent(`originSystem eq 'AadGroup' and resource/originId eq '${groupId}'`)}&$expand=resource`,
  resourceRequests: () => `${EM}/resourceRequests`,

  accessPackages: () => `${EM}/accessPackages`,
  /** the package with its role scopes and policies: one read tells all three steps' state */
  accessPackage: (id: string) => `${EM}/accessPackages/${id}?$select=${PACKAGE_SELECT}&$expand=${encodeURIComponent("resourceRoleScopes($expand=role,scope),assignmentPolicies")}`,
  accessPackageWrite: (id: string) => `${EM}/accessPackages/${id}`,
  accessPackagesInCatalog: (catalogId: string) => `${EM}/catalogs/${catalogId}/accessPackages?$select=${PACKAGE_SELECT}`,
  resourceRoleScopes: (packageId: string) => `${EM}/accessPackages/${packageId}/resourceRoleScopes`,
  packageScopes: (packageId: string) => `${EM}/accessPackages/${packageId}/resourceRoleScopes?$expand=role,scope`,
  packagePolicies: (packageId: string) => `${EM}/accessPackages/${packageId}/assignmentPolicies`,
  assignmentPolicies: () => `${EM}/assignmentPolicies`,
  assignmentPolicy: (id: string) => `${EM}/assignmentPolicies/${id}`,
  /** every assignment of one package (delivered, expired, removed) with its target (GRAPH-API §3.8) */
  packageAssignments: (packageId: string) => `${EM}/assignments?$filter=${encodeURIComponent(`accessPackage/id eq '${packageId}'`)}&$expand=target&$select=id,state`,

  // beta (Defender XDR Unified RBAC, GRAPH-API §4.2)
  defenderActions: () => `${DEFENDER}/resourceNamespaces?$expand=resourceActions`,
  defenderRoles: () => `${DEFENDER}/roleDefinitions`,
  defenderRole: (id: string) => `${DEFENDER}/roleDefinitions/${id}`,
  defenderAssignments: () => `${DEFENDER}/roleAssignments`,
  defenderAssignment: (id: string) => `${DEFENDER}/roleAssignments/${id}`,
};
