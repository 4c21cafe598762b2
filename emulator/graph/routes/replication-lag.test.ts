import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTOSO, FABRIKAM, MSSP, startGraphHarness, type Harness } from "../testing/harness.ts";
import { provisionCustomer } from "../testing/provisioning.ts";

const EM = "/v1.0/identityGovernance/entitlementManagement";
const LAG = 5_000;
let h: Harness;
const call = (method: string, path: string, body?: unknown, tenant = CONTOSO) => h.call(method, path, { body, tenant });
const group = (name: string, tenant = CONTOSO) => call("POST", "/v1.0/groups", { displayName: name, mailEnabled: false, mailNickname: name.replace(/\W/g, ""), securityEnabled: true }, tenant);
/** The World clock moves the replicas along, so tests never sleep. */
const replicate = () => h.control("POST", "/clock/advance", { ms: LAG });

beforeAll(async () => { h = await startGraphHarness(); });
afterAll(() => h.close());
beforeEach(async () => {
  await h.control("POST", "/reset");
  expect((await h.control("PUT", "/replication-lag", { ms: LAG })).status).toBe(200);
});

describe("replication lag", () => {
  it("hides a new group from GET by id (404 Request_ResourceNotFound), lists and filters, then shows it", async () => {
    const created = await group("Tier 1 Analyst");
    expect(created.status).toBe(201);
    expect(created.body.displayName).toBe("Tier 1 Analyst");
    const byId = await call("GET", `/v1.0/groups/${created.body.id}`);
    expect(byId.status).toBe(404);
    expect(byId.body.error.code).toBe("Request_ResourceNotFound");
    expect((await call("GET", `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Tier 1 Analyst'")}`)).body.value).toEqual([]);
    expect((await call("PATCH", `/v1.0/groups/${created.body.id}`, { description: "x" })).status).toBe(404);

    await replicate();
    expect((await call("GET", `/v1.0/groups/${created.body.id}`)).body.id).toBe(created.body.id);
    expect((await call("GET", `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Tier 1 Analyst'")}`)).body.value).toHaveLength(1);
  });

  it("refuses references to objects entitlement management cannot see yet, with Graph's codes", async () => {
    await h.control("PUT", "/replication-lag", { ms: 0 });
    const catalog = (await call("POST", `${EM}/catalogs`, { displayName: "MSSP Accesses", isExternallyVisible: true })).body;
    await h.control("PUT", "/replication-lag", { ms: LAG });
    const g = (await group("Approvers")).body;
    const newCatalog = (await call("POST", `${EM}/catalogs`, { displayName: "Another" })).body;
    const org = (await call("POST", `${EM}/connectedOrganizations`, { displayName: "Northwind", identitySources: [{ "@odata.type": "#microsoft.graph.azureActiveDirectoryTenant", tenantId: MSSP }] })).body;

    const addGroup = () => call("POST", `${EM}/resourceRequests`, { requestType: "adminAdd", resource: { originId: g.id, originSystem: "AadGroup" }, catalog: { id: catalog.id } });
    const early = await addGroup();
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe("ResourceNotFoundInOriginSystem");

    const pkg = await call("POST", `${EM}/accessPackages`, { displayName: "Tier 1", catalog: { id: newCatalog.id } });
    expect(pkg.status).toBe(404);
    expect(pkg.body.error.code).toBe("ResourceNotFound");

    const defender = await h.call("POST", "/beta/roleManagement/defender/roleAssignments", { body: { roleDefinitionId: (await call("GET", "/beta/roleManagement/defender/roleDefinitions")).body.value[0].id, principalIds: [g.id] } });
    expect(defender.status).toBe(400);
    expect(defender.body.error.message).toMatch(/is not a group of this tenant/);

    await replicate();
    const p = (await call("POST", `${EM}/accessPackages`, { displayName: "Tier 1", catalog: { id: newCatalog.id } })).body;
    const policy = await call("POST", `${EM}/assignmentPolicies`, {
      displayName: "MSSP", accessPackage: { id: p.id }, allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: org.id }],
    });
    // The package itself is new: the policy that references it waits for it too.
    expect(policy.status).toBe(404);
    expect((await addGroup()).status).toBe(201);
  });

  it("refuses a policy naming a connected organization that has not replicated", async () => {
    await h.control("PUT", "/replication-lag", { ms: 0 });
    const catalog = (await call("POST", `${EM}/catalogs`, { displayName: "C", isExternallyVisible: true })).body;
    const pkg = (await call("POST", `${EM}/accessPackages`, { displayName: "P", catalog: { id: catalog.id } })).body;
    await h.control("PUT", "/replication-lag", { ms: LAG });
    const org = (await call("POST", `${EM}/connectedOrganizations`, { displayName: "Northwind", identitySources: [{ "@odata.type": "#microsoft.graph.azureActiveDirectoryTenant", tenantId: MSSP }] })).body;
    const body = { displayName: "MSSP", accessPackage: { id: pkg.id }, allowedTargetScope: "specificConnectedOrganizationUsers", specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: org.id }] };
    const early = await call("POST", `${EM}/assignmentPolicies`, body);
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(/is not a connected organization of this tenant/);
    await replicate();
    expect((await call("POST", `${EM}/assignmentPolicies`, body)).status).toBe(201);
  });

  it("still detects a duplicate of an object that is replicating (uniqueness is decided on the primary)", async () => {
    await h.control("PUT", "/replication-lag", { ms: 0 });
    const g = (await group("G")).body;
    const catalog = (await call("POST", `${EM}/catalogs`, { displayName: "C" })).body;
    await h.control("PUT", "/replication-lag", { ms: LAG });
    const add = () => call("POST", `${EM}/resourceRequests`, { requestType: "adminAdd", resource: { originId: g.id, originSystem: "AadGroup" }, catalog: { id: catalog.id } });
    expect((await add()).status).toBe(201);
    // The new resource and its roles are still invisible to reads…
    expect((await call("GET", `${EM}/catalogs/${catalog.id}/resourceRoles`)).body.value).toEqual([]);
    expect((await call("GET", `${EM}/catalogs/${catalog.id}?$expand=resources`)).body.resources).toEqual([]);
    // …but adding the group again is a conflict, not a second resource.
    const again = await add();
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("ResourceAlreadyOnboarded");
    await replicate();
    expect((await call("GET", `${EM}/catalogs/${catalog.id}/resourceRoles`)).body.value).toHaveLength(2);
  });

  it("keeps built-in objects and earlier objects visible, and applies a tenant's own lag only there", async () => {
    expect((await call("GET", "/beta/roleManagement/defender/roleDefinitions")).body.value.length).toBeGreaterThan(0);
    await h.control("PUT", "/replication-lag", { ms: 0 });
    expect((await h.control("PATCH", `/tenants/${FABRIKAM}`, { replicationLagMs: LAG })).body.replicationLagMs).toBe(LAG);
    expect((await h.control("GET", "/replication-lag")).body).toEqual({ defaultMs: 0, tenants: { [FABRIKAM]: LAG } });
    const inContoso = (await group("C")).body;
    const inFabrikam = (await group("F", FABRIKAM)).body;
    expect((await call("GET", `/v1.0/groups/${inContoso.id}`)).status).toBe(200);
    expect((await call("GET", `/v1.0/groups/${inFabrikam.id}`, undefined, FABRIKAM)).status).toBe(404);
    // An update does not hide an object that is already visible.
    await replicate();
    expect((await call("PATCH", `/v1.0/groups/${inFabrikam.id}`, { description: "d" }, FABRIKAM)).status).toBe(204);
    expect((await call("GET", `/v1.0/groups/${inFabrikam.id}`, undefined, FABRIKAM)).body.description).toBe("d");
    // null clears the tenant's own value; the state summary counts lagging objects too.
    await h.control("PUT", "/replication-lag", { ms: null, tenantId: FABRIKAM });
    expect((await h.control("GET", "/replication-lag")).body.tenants).toEqual({});
    await h.control("PUT", "/replication-lag", { ms: LAG, tenantId: FABRIKAM });
    await group("F2", FABRIKAM);
    expect((await h.control("GET", `/state/${FABRIKAM}`)).body.counts.groups).toBe(2);
  });

  it("does not hide objects created before the lag was switched on", async () => {
    await h.control("PUT", "/replication-lag", { ms: 0 });
    const provisioned = await provisionCustomer((method, path, body) => call(method, path, body));
    await h.control("PUT", "/replication-lag", { ms: LAG });
    expect((await call("GET", `${EM}/accessPackages/${provisioned.accessPackages.tier1}?$expand=assignmentPolicies`)).body.assignmentPolicies).toHaveLength(1);
  });

  it("validates the control calls", async () => {
    expect((await h.control("PUT", "/replication-lag", { ms: -1 })).status).toBe(400);
    expect((await h.control("PUT", "/replication-lag", { ms: 600_001 })).status).toBe(400);
    expect((await h.control("PUT", "/replication-lag", { ms: null })).status).toBe(400);
    expect((await h.control("PUT", "/replication-lag", { ms: 1, tenantId: "nowhere.example" })).status).toBe(404);
    expect((await h.control("PATCH", `/tenants/${CONTOSO}`, { replicationLagMs: 1.5 })).status).toBe(400);
  });
});
