import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appToken, CONTOSO, ON_PURPOSE_INVALID, startGraphHarness, type Harness } from "../testing/harness.ts";

const BASE = "/beta/roleManagement/defender";
let h: Harness;
let groupId: string;
beforeAll(async () => { h = await startGraphHarness(); });
afterAll(() => h.close());
beforeEach(async () => {
  h.world.reset();
  groupId = (await h.call("POST", "/v1.0/groups", { body: { displayName: "Tier 1 Analyst", mailEnabled: false, mailNickname: "t1", securityEnabled: true } })).body.id;
});

const tier1Role = { displayName: "MSSP Tier 1 Analyst", description: "No live response", rolePermissions: [{ allowedResourceActions: ["microsoft.xdr/secops/securitydata/read", "microsoft.xdr/secops/securitydata/alerts/manage", "microsoft.xdr/secops/securitydata/response/manage"] }] };

describe("Defender Unified RBAC (beta)", () => {
  it("lists the action catalog with $expand=resourceActions", async () => {
    const r = await h.call("GET", `${BASE}/resourceNamespaces?$expand=resourceActions`);
    expect(r.status).toBe(200);
    const [namespace] = r.body.value;
    expect(namespace.name).toBe("microsoft.xdr");
    const names = namespace.resourceActions.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(["microsoft.xdr/secops/securitydata/liveresponse-basic/manage", "microsoft.xdr/secops/securitydata/liveresponse-advanced/manage", "microsoft.xdr/configuration/security/manage", "microsoft.xdr/configuration/system/read"]));
    expect((await h.call("GET", `${BASE}/resourceNamespaces`)).body.value[0].resourceActions).toBeUndefined();
  });

  it("is not part of v1.0", async () => {
    expect((await h.call("GET", "/v1.0/roleManagement/defender/roleDefinitions", { headers: ON_PURPOSE_INVALID })).status).toBe(400);
  });

  it("creates, updates, assigns and deletes a custom role", async () => {
    const created = await h.call("POST", `${BASE}/roleDefinitions`, { body: tier1Role });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: "MSSP Tier 1 Analyst", isBuiltIn: false });
    const id = created.body.id;
    expect((await h.call("PATCH", `${BASE}/roleDefinitions/${id}`, { body: { description: "edited" } })).status).toBe(204);
    const assignment = await h.call("POST", `${BASE}/roleAssignments`, { body: { "@odata.type": "#microsoft.graph.unifiedRoleAssignmentMultiple", displayName: "Tier 1", roleDefinitionId: id, principalIds: [groupId], appScopeIds: ["/"] } });
    expect(assignment.status).toBe(201);
    expect(assignment.body).toMatchObject({ roleDefinitionId: id, principalIds: [groupId], appScopeIds: ["/"] });
    const inUse = await h.call("DELETE", `${BASE}/roleDefinitions/${id}`);
    expect(inUse.status).toBe(400);
    expect((await h.call("DELETE", `${BASE}/roleAssignments/${assignment.body.id}`)).status).toBe(204);
    expect((await h.call("DELETE", `${BASE}/roleDefinitions/${id}`)).status).toBe(204);
    expect((await h.call("GET", `${BASE}/roleDefinitions/${id}`)).status).toBe(404);
  });

  it.each([
    ["an unknown action", { ...tier1Role, rolePermissions: [{ allowedResourceActions: ["microsoft.xdr/secops/everything/manage"] }] }, /not a valid action/],
    ["no permissions", { displayName: "Empty", rolePermissions: [] }, /at least one permission/],
    ["an unknown property", { ...tier1Role, colour: "blue" }, /'colour' does not exist/],
  ])("rejects a role with %s", async (_name, body, message) => {
    const r = await h.call("POST", `${BASE}/roleDefinitions`, { body });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(message);
  });

  it("accepts wildcards that match known actions", async () => {
    expect((await h.call("POST", `${BASE}/roleDefinitions`, { body: { displayName: "Wild", rolePermissions: [{ allowedResourceActions: ["microsoft.xdr/secops/*"] }] } })).status).toBe(201);
  });

  it("keeps built-in roles read-only and requires group principals", async () => {
    const builtIn = (await h.call("GET", `${BASE}/roleDefinitions?$filter=isBuiltIn eq true`)).body.value;
    expect(builtIn.length).toBeGreaterThan(0);
    expect((await h.call("PATCH", `${BASE}/roleDefinitions/${builtIn[0].id}`, { body: { description: "x" } })).status).toBe(403);
    const r = await h.call("POST", `${BASE}/roleAssignments`, { body: { roleDefinitionId: builtIn[0].id, principalIds: ["37227be9-75f7-5cdf-b448-e40e9ca6c9f5"] } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/not a group/);
  });

  it("needs RoleManagement.ReadWrite.Defender to write and Read.Defender is enough to read", async () => {
    const reader = appToken(CONTOSO, ["RoleManagement.Read.Defender"]);
    expect((await h.call("GET", `${BASE}/roleDefinitions`, { token: reader })).status).toBe(200);
    expect((await h.call("POST", `${BASE}/roleDefinitions`, { token: reader, body: tier1Role })).status).toBe(403);
  });
});
