import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appToken, CONTOSO, ON_PURPOSE_INVALID, startGraphHarness, userToken, type Harness } from "../testing/harness.ts";
import { provisionCustomer, type ProvisionedTenant } from "../testing/provisioning.ts";

const EM = "/v1.0/identityGovernance/entitlementManagement";
const DAY = 86_400_000;
let h: Harness;
let p: ProvisionedTenant;
const call = (method: string, path: string, body?: unknown) => h.call(method, path, { body });

beforeAll(async () => { h = await startGraphHarness(); });
afterAll(() => h.close());
beforeEach(async () => {
  h.world.reset();
  p = await provisionCustomer(call);
});

const request = (pkg: string, upn: string, justification?: string) => h.control("POST", `/access-packages/${pkg}/requests`, { tenantId: CONTOSO, userPrincipalName: upn, ...(justification ? { justification } : {}) });
const decide = (id: string, upn: string, decision: "Approve" | "Deny", justification = "ok") => h.control("POST", `/approvals/${id}`, { approverUserPrincipalName: upn, decision, justification });
/** Members with their UPNs: ids from the group, then each user (members are directoryObjects in the schema). */
const members = async (groupId: string) => {
  const ids = ((await call("GET", `/v1.0/groups/${groupId}/members?$select=id`)).body.value as { id: string }[]).map((m) => m.id);
  return Promise.all(ids.map(async (id) => (await call("GET", `/v1.0/users/${id}?$select=id,userPrincipalName`)).body as { id: string; userPrincipalName: string }));
};
/** The MSSP approver joins the customer's approvers group through the approvers package (no approval needed). */
const enrolApprover = async () => {
  const r = await request(p.accessPackages.approvers, "approver@northwinddefense.com");
  expect(r.body.state).toBe("delivered");
  return r.body;
};

describe("provisioning objects", () => {
  it("exposes the catalog resource with Member and Owner roles and a root scope", async () => {
    const resources = await call("GET", `${EM}/catalogs/${p.catalogId}/resources?$filter=${encodeURIComponent(`originId eq '${p.groups.tier1}'`)}&$expand=roles,scopes`);
    const [resource] = resources.body.value;
    expect(resource).toMatchObject({ originId: p.groups.tier1, originSystem: "AadGroup", displayName: "Tier 1 Analyst" });
    expect(resource.roles.map((r: { originId: string }) => r.originId).sort()).toEqual([`Member_${p.groups.tier1}`, `Owner_${p.groups.tier1}`]);
    expect(resource.scopes).toEqual([expect.objectContaining({ isRootScope: true, originId: p.groups.tier1, displayName: "Root" })]);
  });

  it("lists resourceRoleScopes with $expand=role,scope and the package's policies", async () => {
    const scopes = await call("GET", `${EM}/accessPackages/${p.accessPackages.tier1}/resourceRoleScopes?$expand=role,scope`);
    expect(scopes.body.value).toHaveLength(1);
    expect(scopes.body.value[0].role.originId).toBe(`Member_${p.groups.tier1}`);
    expect(scopes.body.value[0].id).toBe(`${scopes.body.value[0].role.id}_${scopes.body.value[0].scope.id}`);
    const pkg = await call("GET", `${EM}/accessPackages/${p.accessPackages.tier1}?$expand=assignmentPolicies,catalog`);
    expect(pkg.body.catalog.isExternallyVisible).toBe(true);
    expect(pkg.body.assignmentPolicies[0]).toMatchObject({ allowedTargetScope: "specificConnectedOrganizationUsers", expiration: { type: "afterDuration", duration: "P365D" } });
  });

  it("replaces a policy with PUT (omitted settings return to their defaults)", async () => {
    const before = (await call("GET", `${EM}/assignmentPolicies/${p.policies.tier1}`)).body;
    const { "@odata.context": _, createdDateTime: _c, modifiedDateTime: _m, requestorSettings: _r, ...rest } = before;
    const put = await call("PUT", `${EM}/assignmentPolicies/${p.policies.tier1}`, { ...rest, displayName: "Renamed", accessPackage: { id: p.accessPackages.tier1 } });
    expect(put.status).toBe(200);
    expect(put.body.displayName).toBe("Renamed");
    expect(put.body.requestorSettings.enableTargetsToSelfAddAccess).toBe(false);
    expect(put.body.createdDateTime).toBe(before.createdDateTime);
  });

  it("resolves a domain identity source to the Entra tenant, as Graph does", async () => {
    const r = await call("POST", `${EM}/connectedOrganizations`, { displayName: "By domain", identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "fabrikam.com", displayName: "fabrikam.com" }], state: "proposed" });
    expect(r.status).toBe(201);
    expect(r.body.identitySources).toEqual([{ "@odata.type": "#microsoft.graph.azureActiveDirectoryTenant", tenantId: "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7", displayName: "Fabrikam" }]);
  });

  it("creates catalogs hidden from external users unless asked", async () => {
    const r = await call("POST", `${EM}/catalogs`, { displayName: "Internal" });
    expect(r.body).toMatchObject({ isExternallyVisible: false, catalogType: "userManaged", state: "published" });
  });

  it.each([
    ["an unknown policy property", `${EM}/assignmentPolicies`, (p: ProvisionedTenant) => ({ displayName: "x", accessPackage: { id: p.accessPackages.tier1 }, allowedTargetScope: "allMemberUsers", surprise: 1 }), 400, /'surprise' does not exist/],
    ["a bad allowedTargetScope", `${EM}/assignmentPolicies`, (p: ProvisionedTenant) => ({ displayName: "x", accessPackage: { id: p.accessPackages.tier1 }, allowedTargetScope: "everybody" }), 400, /allowedTargetScope/],
    ["specific targets missing", `${EM}/assignmentPolicies`, (p: ProvisionedTenant) => ({ displayName: "x", accessPackage: { id: p.accessPackages.tier1 }, allowedTargetScope: "specificConnectedOrganizationUsers" }), 400, /specificAllowedTargets must not be empty/],
    ["afterDuration without a duration", `${EM}/assignmentPolicies`, (p: ProvisionedTenant) => ({ displayName: "x", accessPackage: { id: p.accessPackages.tier1 }, allowedTargetScope: "allMemberUsers", expiration: { type: "afterDuration" } }), 400, /expiration.duration is required/],
    ["approval without stages", `${EM}/assignmentPolicies`, (p: ProvisionedTenant) => ({ displayName: "x", accessPackage: { id: p.accessPackages.tier1 }, allowedTargetScope: "allMemberUsers", requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [] } }), 400, /at least one stage/],
    ["an approver group that does not exist", `${EM}/assignmentPolicies`, (p: ProvisionedTenant) => ({ displayName: "x", accessPackage: { id: p.accessPackages.tier1 }, allowedTargetScope: "allMemberUsers", requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: "00000000-0000-0000-0000-000000000000" }] }] } }), 400, /not a group of this tenant/],
    ["an identity source without @odata.type", `${EM}/connectedOrganizations`, () => ({ displayName: "x", identitySources: [{ tenantId: "x" }] }), 400, /abstract type/],
    ["a bad connected organization state", `${EM}/connectedOrganizations`, () => ({ displayName: "x", state: "active", identitySources: [] }), 400, /connectedOrganizationState/],
    ["a resource that is not a group", `${EM}/resourceRequests`, (p: ProvisionedTenant) => ({ requestType: "adminAdd", resource: { originId: "00000000-0000-0000-0000-000000000000", originSystem: "AadGroup" }, catalog: { id: p.catalogId } }), 400, /not found in the origin system 'AadGroup'/],
    ["a group already in the catalog", `${EM}/resourceRequests`, (p: ProvisionedTenant) => ({ requestType: "adminAdd", resource: { originId: p.groups.tier1, originSystem: "AadGroup" }, catalog: { id: p.catalogId } }), 400, /already a resource/],
    ["a bad requestType", `${EM}/resourceRequests`, (p: ProvisionedTenant) => ({ requestType: "adminCreate", resource: { originId: p.groups.tier1, originSystem: "AadGroup" }, catalog: { id: p.catalogId } }), 400, /accessPackageRequestType/],
  ])("rejects %s", async (_name, path, body, status, message) => {
    const r = await h.call("POST", path, { body: body(p), headers: ON_PURPOSE_INVALID });
    expect(r.status).toBe(status);
    expect(r.body.error.message).toMatch(message);
  });

  it("refuses a role whose resource is not in the package's catalog", async () => {
    const other = (await call("POST", `${EM}/catalogs`, { displayName: "Other" })).body;
    const pkg = (await call("POST", `${EM}/accessPackages`, { displayName: "Elsewhere", catalog: { id: other.id } })).body;
    const role = (await call("GET", `${EM}/catalogs/${p.catalogId}/resourceRoles?$filter=${encodeURIComponent("displayName eq 'Member'")}`)).body.value[0];
    const r = await call("POST", `${EM}/accessPackages/${pkg.id}/resourceRoleScopes`, { role: { id: role.id, originId: role.originId, originSystem: "AadGroup" }, scope: { originId: role.originId.slice(7), originSystem: "AadGroup", isRootScope: true } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/not in the access package's catalog/);
  });

  it("needs Group.ReadWrite.All besides EntitlementManagement.ReadWrite.All to add a group", async () => {
    const group = (await call("POST", "/v1.0/groups", { displayName: "Extra", mailEnabled: false, mailNickname: "extra", securityEnabled: true })).body;
    const r = await h.call("POST", `${EM}/resourceRequests`, { token: appToken(CONTOSO, ["EntitlementManagement.ReadWrite.All"]), body: { requestType: "adminAdd", resource: { originId: group.id, originSystem: "AadGroup" }, catalog: { id: p.catalogId } } });
    expect(r.status).toBe(403);
  });

  it("returns ResourceNotFound for unknown entitlement objects", async () => {
    const r = await call("GET", `${EM}/accessPackages/00000000-0000-0000-0000-000000000000`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("ResourceNotFound");
  });
});

describe("request → approve → deliver → expire", () => {
  it("runs the whole life cycle for an MSSP analyst", async () => {
    await enrolApprover();
    const approverGuest = (await members(p.groups.approvers))[0]!;
    expect(approverGuest.userPrincipalName).toBe("approver_northwinddefense.com#EXT#@contoso.onmicrosoft.com");

    const submitted = await request(p.accessPackages.tier1, "alex@northwinddefense.com", "On call for Contoso");
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ state: "pendingApproval", status: "PendingApproval", requestType: "userAdd", justification: "On call for Contoso" });
    const pending = await call("GET", `${EM}/assignmentRequests?$filter=${encodeURIComponent("state eq 'pendingApproval'")}&$expand=requestor,accessPackage`);
    expect(pending.body.value.map((r: { id: string }) => r.id)).toEqual([submitted.body.id]);
    expect(pending.body.value[0].requestor.principalName).toBe("alex@northwinddefense.com");

    expect((await decide(submitted.body.id, "bailey@northwinddefense.com", "Approve")).status).toBe(403);
    expect((await decide(submitted.body.id, "alex@northwinddefense.com", "Approve")).status).toBe(403);
    const approved = await decide(submitted.body.id, "approver@northwinddefense.com", "Approve");
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe("delivered");
    expect((await decide(submitted.body.id, "approver@northwinddefense.com", "Approve")).status).toBe(409);

    const delivered = await call("GET", `${EM}/assignments?$filter=${encodeURIComponent("state eq 'Delivered'")}&$expand=target,accessPackage`);
    const assignment = delivered.body.value.find((a: { accessPackage: { id: string } }) => a.accessPackage.id === p.accessPackages.tier1);
    expect(assignment).toMatchObject({ state: "delivered", status: "Delivered", schedule: { expiration: { type: "afterDuration", duration: "P365D" } } });
    const end = Date.parse(assignment.schedule.expiration.endDateTime) - Date.parse(assignment.schedule.startDateTime);
    expect(end).toBe(365 * DAY);
    const guest = (await call("GET", `/v1.0/users/${assignment.target.objectId}?$select=userPrincipalName,userType`)).body;
    expect(guest).toMatchObject({ userPrincipalName: "alex_northwinddefense.com#EXT#@contoso.onmicrosoft.com", userType: "Guest" });
    expect((await members(p.groups.tier1)).map((m) => m.id)).toEqual([assignment.target.objectId]);
    const byTarget = await call("GET", `${EM}/assignments?$filter=${encodeURIComponent(`target/objectId eq '${assignment.target.objectId}' and accessPackage/id eq '${p.accessPackages.tier1}'`)}`);
    expect(byTarget.body.value).toHaveLength(1);

    await h.control("POST", "/clock/advance", { days: 364 });
    expect((await call("GET", `${EM}/assignments/${assignment.id}`)).body.state).toBe("delivered");
    await h.control("POST", "/clock/advance", { days: 2 });
    const expired = await call("GET", `${EM}/assignments/${assignment.id}`);
    expect(expired.body).toMatchObject({ state: "expired", status: "Expired", expiredDateTime: assignment.schedule.expiration.endDateTime });
    expect(await members(p.groups.tier1)).toEqual([]);
    expect((await members(p.groups.approvers))).toHaveLength(0); // the approvers package expired too
    const removal = await call("GET", `${EM}/assignmentRequests?$filter=${encodeURIComponent("requestType eq 'systemRemove'")}`);
    expect(removal.body.value.length).toBeGreaterThanOrEqual(1);
  });

  it("denies: no assignment, no membership", async () => {
    await enrolApprover();
    const submitted = await request(p.accessPackages.tier1, "bailey@northwinddefense.com", "please");
    const denied = await decide(submitted.body.id, "approver@northwinddefense.com", "Deny", "not on rota");
    expect(denied.body).toMatchObject({ state: "denied", status: "Denied", assignment: null });
    expect(await members(p.groups.tier1)).toEqual([]);
  });

  it("auto-denies a request nobody approves within durationBeforeAutomaticDenial", async () => {
    const submitted = await request(p.accessPackages.tier1, "casey@northwinddefense.com", "please");
    await h.control("POST", "/clock/advance", { days: 15 });
    expect((await call("GET", `${EM}/assignmentRequests/${submitted.body.id}`)).body).toMatchObject({ state: "denied", status: "Expired" });
  });

  it("cancels a pending request", async () => {
    const submitted = await request(p.accessPackages.tier1, "casey@northwinddefense.com", "please");
    expect((await call("POST", `${EM}/assignmentRequests/${submitted.body.id}/cancel`)).status).toBe(204);
    expect((await call("GET", `${EM}/assignmentRequests/${submitted.body.id}`)).body.state).toBe("canceled");
    expect((await call("POST", `${EM}/assignmentRequests/${submitted.body.id}/cancel`)).status).toBe(400);
  });

  it.each([
    ["a user outside the connected organization", "user@fabrikam.com", "x", 403, /not one of the policy's connected organizations/],
    ["a missing justification", "alex@northwinddefense.com", undefined, 400, /requires a justification/],
    ["an unknown user", "ghost@northwinddefense.com", "x", 404, /does not exist/],
  ])("refuses a request from %s", async (_name, upn, justification, status, message) => {
    const r = await request(p.accessPackages.tier1, upn, justification);
    expect(r.status).toBe(status);
    expect(r.body.error.message).toMatch(message);
  });

  it("refuses external requestors when the catalog is not externally visible", async () => {
    await call("PATCH", `${EM}/catalogs/${p.catalogId}`, { isExternallyVisible: false });
    const r = await request(p.accessPackages.tier1, "alex@northwinddefense.com", "x");
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/not externally visible/);
  });

  it("refuses a second open request", async () => {
    await request(p.accessPackages.tier1, "alex@northwinddefense.com", "x");
    const again = await request(p.accessPackages.tier1, "alex@northwinddefense.com", "x");
    expect(again.body.error.code).toBe("ExistingOpenRequest");
  });
});

describe("approvals through Graph", () => {
  it("rejects app-only tokens (Application: Not supported) and lets a delegated approver decide", async () => {
    await enrolApprover();
    const submitted = (await request(p.accessPackages.tier1, "alex@northwinddefense.com", "x")).body;
    const appOnly = await call("GET", `${EM}/accessPackageAssignmentApprovals/${submitted.id}/stages`);
    expect(appOnly.status).toBe(403);
    const approverGuest = (await members(p.groups.approvers))[0]!;
    const stages = await h.call("GET", `${EM}/accessPackageAssignmentApprovals/${submitted.id}/stages`, { token: userToken(CONTOSO, approverGuest.id, "EntitlementManagement.Read.All") });
    expect(stages.status).toBe(200);
    const stage = stages.body.value[0];
    expect(stage).toMatchObject({ status: "InProgress", reviewResult: "NotReviewed" });
    const readOnly = await h.call("PATCH", `${EM}/accessPackageAssignmentApprovals/${submitted.id}/stages/${stage.id}`, { token: userToken(CONTOSO, approverGuest.id, "EntitlementManagement.Read.All"), body: { reviewResult: "Approve", justification: "ok" } });
    expect(readOnly.status).toBe(403);
    const patched = await h.call("PATCH", `${EM}/accessPackageAssignmentApprovals/${submitted.id}/stages/${stage.id}`, { token: userToken(CONTOSO, approverGuest.id), body: { reviewResult: "Approve", justification: "ok" } });
    expect(patched.status).toBe(204);
    expect((await call("GET", `${EM}/assignmentRequests/${submitted.id}`)).body.state).toBe("delivered");
  });
});
