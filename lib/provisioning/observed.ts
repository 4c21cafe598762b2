import type { BatchResponse } from "@/lib/graph/http";
import type { PolicyShape } from "./policy";

/**
 * What observe() read from the tenant: the input of the pure plan(). Objects are keyed by
 * step key; an absent key means "not there".
 */

export interface ObservedGroup { displayName: string; description: string; securityEnabled: boolean }
export interface ObservedConnectedOrganization { displayName: string; description: string; state: string; tenantIds: string[] }
export interface ObservedCatalog { displayName: string; description: string; state: string; isExternallyVisible: boolean }
export interface ObservedPackage { displayName: string; description: string; isHidden: boolean }
export interface ObservedDefenderRole { displayName: string; description: string; actions: string[] }
export interface ObservedDefenderAssignment { roleDefinitionId: string; principalIds: string[]; appScopeIds: string[] }

export type ObservedFields =
  | { kind: "group"; fields: ObservedGroup }
  | { kind: "connectedOrganization"; fields: ObservedConnectedOrganization }
  | { kind: "catalog"; fields: ObservedCatalog }
  | { kind: "catalogResource"; fields: { groupId: string } }
  | { kind: "accessPackage"; fields: ObservedPackage }
  | { kind: "resourceRoleScope"; fields: { groupId: string } }
  | { kind: "assignmentPolicy"; fields: PolicyShape }
  | { kind: "defenderRole"; fields: ObservedDefenderRole }
  | { kind: "defenderRoleAssignment"; fields: ObservedDefenderAssignment };

export type ObservedObject = ObservedFields & {
  graphId: string;
  /** false: found by exact name (or structure) without a Gatehouse record, so the plan adopts it */
  recorded: boolean;
};

export type DefenderAvailability =
  | { available: true; actions: string[] }
  /** refused (403), beta unavailable, or Unified RBAC not active for the tenant */
  | { available: false; code: string; reason: string };

export type ApproverResolution =
  | { found: true; userId: string; source: "consentAdmin" | "blueprint"; label: string }
  | { found: false; reason: string };

export interface Observed {
  /** Entra ID P2 or ID Governance held; `plans` names what the tenant has */
  licence: { ok: boolean; plans: string[] };
  /** the MSSP tenant as Graph knows it (findTenantInformationByDomainName) */
  mssp: { tenantId: string; displayName: string };
  /** who approves consentAdmin-approved packages */
  approver: ApproverResolution;
  defender: DefenderAvailability;
  objects: Map<string, ObservedObject>;
  /** keys whose recorded Graph object no longer exists (deleted outside Gatehouse) */
  vanished: Set<string>;
  /**
   * Role scopes in a Gatehouse package beyond the one the blueprint grants (someone added a
   * resource to it): drift. Read from the same package expansion, so they cost no request.
   */
  extraRoleScopes?: ExtraRoleScope[];
  /** answers to the caller's `extraReads`, by request id (read in the same wave, no extra round trip) */
  extraAnswers?: Map<string, BatchResponse>;
}

export interface ExtraRoleScope {
  /** the package's step key */
  packageKey: string;
  packageId: string;
  scopeId: string;
  /** "Member of <origin>" as Graph names it */
  label: string;
  /** the role of the package's own group, which was deleted (stale, not added by someone) */
  orphaned?: boolean;
}
