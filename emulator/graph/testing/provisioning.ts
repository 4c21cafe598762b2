/**
 * The Gatehouse provisioning recipe for one customer tenant, as Graph calls: groups,
 * connected organization for the MSSP, an externally visible catalog, group resources,
 * access packages with their Member roles, and an approval policy. Shared by tests and
 * the benchmark; `call` is any function that performs one Graph request.
 */
import type { LooseJson } from "./harness.ts";

export type GraphCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: LooseJson }>;

const EM = "/v1.0/identityGovernance/entitlementManagement";

async function expectStatus(call: GraphCall, method: string, path: string, body: unknown, status: number): Promise<LooseJson> {
  const response = await call(method, path, body);
  if (response.status !== status) throw new Error(`${method} ${path} → ${response.status} (expected ${status}): ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface ProvisionedTenant {
  groups: { tier1: string; approvers: string };
  connectedOrganizationId: string;
  catalogId: string;
  accessPackages: { tier1: string; approvers: string };
  policies: { tier1: string; approvers: string };
}

export async function provisionCustomer(call: GraphCall, options: { msspDomain?: string; expiration?: unknown; catalogExternal?: boolean } = {}): Promise<ProvisionedTenant> {
  const post = (path: string, body: unknown, status = 201) => expectStatus(call, "POST", path, body, status);
  const group = (name: string, nick: string) => post("/v1.0/groups", { displayName: name, description: `${name} (managed by Gatehouse)`, mailEnabled: false, mailNickname: nick, securityEnabled: true, groupTypes: [] });
  const tier1 = await group("Tier 1 Analyst", "gatehouse-tier1");
  const approvers = await group("MSSP Analyst Approvers", "gatehouse-approvers");
  const mssp = await expectStatus(call, "GET", `/v1.0/tenantRelationships/findTenantInformationByDomainName(domainName='${options.msspDomain ?? "northwinddefense.com"}')`, undefined, 200);
  const org = await post(`${EM}/connectedOrganizations`, {
    displayName: mssp.displayName, description: "MSSP analyst tenant", state: "configured",
    identitySources: [{ "@odata.type": "#microsoft.graph.azureActiveDirectoryTenant", tenantId: mssp.tenantId, displayName: mssp.displayName }],
  });
  const catalog = await post(`${EM}/catalogs`, { displayName: "MSSP Accesses", description: "Managed by Gatehouse", state: "published", isExternallyVisible: options.catalogExternal ?? true });
  for (const g of [tier1, approvers]) {
    await post(`${EM}/resourceRequests`, { requestType: "adminAdd", resource: { originId: g.id, originSystem: "AadGroup", displayName: g.displayName }, catalog: { id: catalog.id } });
  }
  const packages: Record<string, string> = {};
  const policies: Record<string, string> = {};
  for (const [key, g] of [["tier1", tier1], ["approvers", approvers]] as const) {
    const roles = await expectStatus(call, "GET", `${EM}/catalogs/${catalog.id}/resourceRoles?$filter=${encodeURIComponent(`originSystem eq 'AadGroup' and resource/originId eq '${g.id}'`)}&$expand=resource`, undefined, 200);
    const member = roles.value.find((r: { displayName: string }) => r.displayName === "Member");
    const resource = member.resource;
    const scopes = await expectStatus(call, "GET", `${EM}/catalogs/${catalog.id}/resources?$filter=${encodeURIComponent(`originId eq '${g.id}'`)}&$expand=scopes`, undefined, 200);
    const scope = scopes.value[0].scopes[0];
    const pkg = await post(`${EM}/accessPackages`, { displayName: g.displayName, description: `${g.displayName} access`, isHidden: false, catalog: { id: catalog.id } });
    await post(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`, {
      role: { id: member.id, displayName: "Member", originSystem: "AadGroup", originId: member.originId, resource: { id: resource.id, originId: g.id, originSystem: "AadGroup" } },
      scope: { id: scope.id, originId: g.id, originSystem: "AadGroup", isRootScope: true },
    });
    const needsApproval = key === "tier1";
    const policy = await post(`${EM}/assignmentPolicies`, {
      displayName: `MSSP analysts - ${g.displayName}`,
      description: "Requests from the MSSP tenant",
      allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: org.id, description: mssp.displayName }],
      expiration: options.expiration ?? { type: "afterDuration", duration: "P365D" },
      requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true, allowCustomAssignmentSchedule: false, enableOnBehalfRequestorsToAddAccess: false, enableOnBehalfRequestorsToUpdateAccess: false, enableOnBehalfRequestorsToRemoveAccess: false, onBehalfRequestors: [] },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: needsApproval, isApprovalRequiredForUpdate: needsApproval, isRequestorJustificationRequired: needsApproval,
        stages: needsApproval ? [{
          durationBeforeAutomaticDenial: "P14D", isApproverJustificationRequired: false, isEscalationEnabled: false, durationBeforeEscalation: "PT0S",
          primaryApprovers: [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: approvers.id, description: "MSSP Analyst Approvers" }],
          fallbackPrimaryApprovers: [], escalationApprovers: [], fallbackEscalationApprovers: [],
        }] : [],
      },
      accessPackage: { id: pkg.id },
    });
    packages[key] = pkg.id;
    policies[key] = policy.id;
  }
  return {
    groups: { tier1: tier1.id, approvers: approvers.id },
    connectedOrganizationId: org.id,
    catalogId: catalog.id,
    accessPackages: { tier1: packages.tier1!, approvers: packages.approvers! },
    policies: { tier1: policies.tier1!, approvers: policies.approvers! },
  };
}
