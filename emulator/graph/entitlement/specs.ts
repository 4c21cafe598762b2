/** Renderers and navigations of the entitlement-management types, bound to one tenant's state. */
import type { EntitySpec, Json } from "../odata/shape.ts";
import type { TenantState } from "../state/tenant-state.ts";
import type * as R from "../state/records.ts";

const em = <T>(typeName: string, toJson: (item: T) => Json, navigations?: EntitySpec<T>["navigations"]): EntitySpec<T> => ({
  typeName,
  flavour: "odata",
  toJson,
  ...(navigations ? { navigations } : {}),
});

export function subjectJson(s: R.SubjectRecord): Json {
  return {
    id: s.id,
    displayName: s.displayName,
    email: s.email,
    objectId: s.objectId,
    onPremisesSecurityIdentifier: null,
    principalName: s.principalName,
    subjectLifecycle: s.connectedOrganizationId ? "governed" : "notDefined",
    subjectType: s.subjectType,
  };
}

export function policyJson(p: R.PolicyRecord): Json {
  return { id: p.id, ...p.settings, createdDateTime: p.createdDateTime, modifiedDateTime: p.modifiedDateTime };
}

export type EmSpecs = ReturnType<typeof emSpecs>;

export function emSpecs(state: TenantState) {
  const list = <T>(map: Map<string, T>, keep: (item: T) => boolean) => [...map.values()].filter(keep);
  const get = <T>(map: Map<string, T>, id: string | null) => (id ? map.get(id) ?? null : null);

  const connectedOrganization = em<R.ConnectedOrganizationRecord>("connectedOrganization", (o) => ({
    id: o.id, displayName: o.displayName, description: o.description, createdDateTime: o.createdDateTime,
    modifiedDateTime: o.modifiedDateTime, state: o.state, identitySources: o.identitySources,
  }));
  const subject = em<R.SubjectRecord>("accessPackageSubject", subjectJson, {
    connectedOrganization: (s) => ({ spec: connectedOrganization, value: get(state.connectedOrganizations, s.connectedOrganizationId) }),
  });
  const catalog: EntitySpec<R.CatalogRecord> = em<R.CatalogRecord>("accessPackageCatalog", (c) => ({
    id: c.id, displayName: c.displayName, description: c.description, catalogType: c.catalogType, state: c.state,
    isExternallyVisible: c.isExternallyVisible, createdDateTime: c.createdDateTime, modifiedDateTime: c.modifiedDateTime,
  }), {
    resources: (c) => ({ spec: resource, value: list(state.resources, (r) => r.catalogId === c.id) }),
    resourceRoles: (c) => ({ spec: role, value: list(state.resourceRoles, (r) => state.resources.get(r.resourceId)?.catalogId === c.id) }),
    resourceScopes: (c) => ({ spec: scope, value: list(state.resourceScopes, (s) => state.resources.get(s.resourceId)?.catalogId === c.id) }),
    accessPackages: (c) => ({ spec: accessPackage, value: list(state.accessPackages, (p) => p.catalogId === c.id) }),
  });
  const resource: EntitySpec<R.ResourceRecord> = em<R.ResourceRecord>("accessPackageResource", (r) => ({
    id: r.id, displayName: r.displayName, description: r.description, originId: r.originId, originSystem: r.originSystem,
    createdDateTime: r.createdDateTime, modifiedDateTime: r.modifiedDateTime, attributes: [],
  }), {
    roles: (r) => ({ spec: role, value: list(state.resourceRoles, (x) => x.resourceId === r.id) }),
    scopes: (r) => ({ spec: scope, value: list(state.resourceScopes, (x) => x.resourceId === r.id) }),
  });
  const role: EntitySpec<R.ResourceRoleRecord> = em<R.ResourceRoleRecord>("accessPackageResourceRole", (r) => ({
    id: r.id, displayName: r.displayName, description: r.description, originId: r.originId, originSystem: r.originSystem,
  }), { resource: (r) => ({ spec: resource, value: get(state.resources, r.resourceId) }) });
  const scope: EntitySpec<R.ResourceScopeRecord> = em<R.ResourceScopeRecord>("accessPackageResourceScope", (s) => ({
    id: s.id, displayName: s.displayName, description: s.description, originId: s.originId, originSystem: s.originSystem, isRootScope: s.isRootScope,
  }), { resource: (s) => ({ spec: resource, value: get(state.resources, s.resourceId) }) });
  const resourceRequest = em<R.ResourceRequestRecord>("accessPackageResourceRequest", (r) => ({
    id: r.id, requestType: r.requestType, state: r.state, createdDateTime: r.createdDateTime,
  }), {
    catalog: (r) => ({ spec: catalog, value: get(state.catalogs, r.catalogId) }),
    resource: (r) => ({ spec: resource, value: get(state.resources, r.resourceId) }),
  });
  const roleScope: EntitySpec<R.RoleScopeRecord> = em<R.RoleScopeRecord>("accessPackageResourceRoleScope", (s) => ({ id: s.id, createdDateTime: s.createdDateTime }), {
    role: (s) => ({ spec: role, value: get(state.resourceRoles, s.roleId) }),
    scope: (s) => ({ spec: scope, value: get(state.resourceScopes, s.scopeId) }),
  });
  const policy: EntitySpec<R.PolicyRecord> = em<R.PolicyRecord>("accessPackageAssignmentPolicy", policyJson, {
    accessPackage: (p) => ({ spec: accessPackage, value: get(state.accessPackages, p.accessPackageId) }),
    catalog: (p) => ({ spec: catalog, value: get(state.catalogs, p.catalogId) }),
    questions: () => ({ spec: catalog, value: [] }),
  });
  const accessPackage: EntitySpec<R.AccessPackageRecord> = em<R.AccessPackageRecord>("accessPackage", (p) => ({
    id: p.id, displayName: p.displayName, description: p.description, isHidden: p.isHidden,
    createdDateTime: p.createdDateTime, modifiedDateTime: p.modifiedDateTime,
  }), {
    catalog: (p) => ({ spec: catalog, value: get(state.catalogs, p.catalogId) }),
    assignmentPolicies: (p) => ({ spec: policy, value: list(state.policies, (x) => x.accessPackageId === p.id) }),
    resourceRoleScopes: (p) => ({ spec: roleScope, value: list(state.roleScopes, (x) => x.accessPackageId === p.id) }),
    accessPackagesIncompatibleWith: () => ({ spec: accessPackage, value: [] }),
    incompatibleAccessPackages: () => ({ spec: accessPackage, value: [] }),
  });
  const assignment: EntitySpec<R.AssignmentRecord> = em<R.AssignmentRecord>("accessPackageAssignment", (a) => ({
    id: a.id, state: a.state, status: a.status, expiredDateTime: a.expiredDateTime, schedule: a.schedule, customExtensionCalloutInstances: [],
  }), {
    accessPackage: (a) => ({ spec: accessPackage, value: get(state.accessPackages, a.accessPackageId) }),
    assignmentPolicy: (a) => ({ spec: policy, value: get(state.policies, a.policyId) }),
    target: (a) => ({ spec: subject, value: a.target }),
  });
  const assignmentRequest = em<R.AssignmentRequestRecord>("accessPackageAssignmentRequest", (r) => ({
    id: r.id, requestType: r.requestType, state: r.state, status: r.status, justification: r.justification,
    createdDateTime: r.createdDateTime, completedDateTime: r.completedDateTime, schedule: r.schedule, answers: [], customExtensionCalloutInstances: [],
  }), {
    accessPackage: (r) => ({ spec: accessPackage, value: get(state.accessPackages, r.accessPackageId) }),
    assignment: (r) => ({ spec: assignment, value: get(state.assignments, r.assignmentId) }),
    requestor: (r) => ({ spec: subject, value: r.requestor }),
  });
  const stage = em<R.ApprovalStageRecord>("approvalStage", (s) => ({
    id: s.id, assignedToMe: null, displayName: null, justification: s.justification, reviewedBy: s.reviewedBy,
    reviewedDateTime: s.reviewedDateTime, reviewResult: s.reviewResult, status: s.status,
  }));
  const approval = em<R.AssignmentRequestRecord>("approval", (r) => ({ id: r.id }), {
    stages: (r) => ({ spec: stage, value: r.stages }),
  });
  return { connectedOrganization, subject, catalog, resource, role, scope, resourceRequest, roleScope, policy, accessPackage, assignment, assignmentRequest, stage, approval };
}
