/** In-memory records of the Graph objects the emulator keeps per tenant. */
export type Json = Record<string, unknown>;

export interface GroupRecord {
  id: string;
  displayName: string;
  description: string | null;
  mailEnabled: boolean;
  mailNickname: string;
  securityEnabled: boolean;
  groupTypes: string[];
  visibility: string | null;
  isAssignableToRole: boolean | null;
  createdDateTime: string;
  members: Set<string>;
  owners: Set<string>;
}

export interface ConnectedOrganizationRecord {
  id: string;
  displayName: string;
  description: string | null;
  identitySources: Json[];
  state: string;
  createdDateTime: string;
  modifiedDateTime: string;
}

export interface CatalogRecord {
  id: string;
  displayName: string;
  description: string | null;
  catalogType: string;
  state: string;
  isExternallyVisible: boolean;
  createdDateTime: string;
  modifiedDateTime: string;
}

export interface ResourceRecord {
  id: string;
  catalogId: string;
  displayName: string;
  description: string | null;
  originId: string;
  originSystem: string;
  createdDateTime: string;
  modifiedDateTime: string;
}

export interface ResourceRoleRecord { id: string; resourceId: string; displayName: string; description: string | null; originId: string; originSystem: string }
export interface ResourceScopeRecord { id: string; resourceId: string; displayName: string; description: string | null; originId: string; originSystem: string; isRootScope: boolean }

export interface ResourceRequestRecord {
  id: string;
  catalogId: string;
  requestType: string;
  state: string;
  createdDateTime: string;
  resourceId: string | null;
}

export interface AccessPackageRecord {
  id: string;
  catalogId: string;
  displayName: string;
  description: string | null;
  isHidden: boolean;
  createdDateTime: string;
  modifiedDateTime: string;
}

export interface RoleScopeRecord { id: string; accessPackageId: string; roleId: string; scopeId: string; createdDateTime: string }

export interface PolicyRecord {
  id: string;
  accessPackageId: string;
  catalogId: string;
  /** the writable properties as last POSTed or PUT (validated), with defaults filled in */
  settings: Json;
  createdDateTime: string;
  modifiedDateTime: string;
}

/** accessPackageSubject: who a request or assignment is for. */
export interface SubjectRecord {
  id: string;
  objectId: string | null;
  displayName: string;
  email: string | null;
  principalName: string;
  subjectType: "user";
  connectedOrganizationId: string | null;
  homeTenantId: string;
  homeUserId: string;
}

export interface ApprovalStageRecord {
  id: string;
  status: "InProgress" | "Completed" | "Expired";
  reviewResult: "NotReviewed" | "Approve" | "Deny";
  justification: string | null;
  reviewedBy: { id: string; displayName: string } | null;
  reviewedDateTime: string | null;
}

export interface AssignmentRequestRecord {
  id: string;
  accessPackageId: string;
  policyId: string;
  requestType: string;
  state: string;
  status: string;
  justification: string | null;
  createdDateTime: string;
  completedDateTime: string | null;
  schedule: Json;
  requestor: SubjectRecord;
  assignmentId: string | null;
  /** when the pending approval is auto-denied (the first stage's durationBeforeAutomaticDenial) */
  autoDenyAt: string | null;
  stages: ApprovalStageRecord[];
}

export interface AssignmentRecord {
  id: string;
  accessPackageId: string;
  policyId: string;
  target: SubjectRecord;
  state: string;
  status: string;
  schedule: Json;
  expiredDateTime: string | null;
}

export interface DefenderRoleDefinitionRecord {
  id: string;
  displayName: string;
  description: string | null;
  isBuiltIn: boolean;
  isEnabled: boolean;
  rolePermissions: { allowedResourceActions: string[]; condition: string | null; excludedResourceActions: string[] }[];
  templateId: string;
  version: string | null;
}

export interface DefenderRoleAssignmentRecord {
  id: string;
  displayName: string | null;
  description: string | null;
  roleDefinitionId: string;
  principalIds: string[];
  appScopeIds: string[];
  directoryScopeIds: string[];
}
