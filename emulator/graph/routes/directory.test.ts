import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appToken, CONTOSO, MSSP, ON_PURPOSE_INVALID, startGraphHarness, type GraphResponse, type Harness } from "../testing/harness.ts";

let h: Harness;
beforeAll(async () => { h = await startGraphHarness(); });
afterAll(() => h.close());
beforeEach(() => h.world.reset());

const newGroup = (name: string, extra: Record<string, unknown> = {}) => ({ displayName: name, mailEnabled: false, mailNickname: name.toLowerCase().replace(/[^a-z0-9]/g, "-"), securityEnabled: true, ...extra });

describe("organization and tenant lookup", () => {
  it("returns the token's tenant with its verified domains", async () => {
    const r = await h.call("GET", "/v1.0/organization", { tenant: MSSP });
    expect(r.status).toBe(200);
    const [org] = r.body.value;
    expect(org.id).toBe(MSSP);
    expect(org.displayName).toBe("Northwind Defense");
    expect(org.verifiedDomains).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: "northwinddefense.onmicrosoft.com", isInitial: true, isDefault: false, type: "Managed" }),
      expect.objectContaining({ name: "northwinddefense.com", isInitial: false, isDefault: true }),
    ]));
  });

  it("respects $select", async () => {
    const r = await h.call("GET", "/v1.0/organization?$select=id,displayName");
    expect(r.body.value).toEqual([{ id: CONTOSO, displayName: "Contoso" }]);
  });

  it("finds any tenant of the world by verified domain and 404s an unknown one", async () => {
    const found = await h.call("GET", "/v1.0/tenantRelationships/findTenantInformationByDomainName(domainName='northwinddefense.com')");
    expect(found.body).toMatchObject({ tenantId: MSSP, displayName: "Northwind Defense", defaultDomainName: "northwinddefense.com", federationBrandName: null });
    const missing = await h.call("GET", "/v1.0/tenantRelationships/findTenantInformationByDomainName(domainName='nowhere.example')");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("needs CrossTenantInformation.ReadBasic.All for the domain lookup", async () => {
    const r = await h.call("GET", "/v1.0/tenantRelationships/findTenantInformationByDomainName(domainName='contoso.com')", { token: appToken(MSSP, ["Group.ReadWrite.All"]) });
    expect(r.status).toBe(403);
  });
});

describe("errors", () => {
  it("401 without a token, in Graph's error shape with request ids", async () => {
    const r = await h.call("GET", "/v1.0/groups", { token: null, headers: { "client-request-id": "my-correlation" } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("InvalidAuthenticationToken");
    expect(r.body.error.innerError["request-id"]).toBe(r.headers.get("request-id"));
    expect(r.body.error.innerError["client-request-id"]).toBe("my-correlation");
    expect(r.headers.get("client-request-id")).toBe("my-correlation");
    expect(r.body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("401 with an invalid token", async () => {
    const r = await h.call("GET", "/v1.0/groups", { token: "Bearer garbage" });
    expect(r.status).toBe(401);
  });

  it("403 when the token lacks the operation's permission (read is not write)", async () => {
    const readOnly = appToken(CONTOSO, ["Group.Read.All"]);
    expect((await h.call("GET", "/v1.0/groups", { token: readOnly })).status).toBe(200);
    const r = await h.call("POST", "/v1.0/groups", { token: readOnly, body: newGroup("X") });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("Authorization_RequestDenied");
  });

  it("400 for an unknown segment, 405 for a wrong method, 400 for a malformed $filter or JSON", async () => {
    expect((await h.call("GET", "/v1.0/nothingHere", { headers: ON_PURPOSE_INVALID })).status).toBe(400);
    expect((await h.call("PUT", "/v1.0/groups", { headers: ON_PURPOSE_INVALID })).status).toBe(405);
    const filter = await h.call("GET", "/v1.0/groups?$filter=displayName eq");
    expect(filter.status).toBe(400);
    expect(filter.body.error.message).toMatch(/Invalid filter clause/);
    const json = await h.call("POST", "/v1.0/groups", { body: "{not json" });
    expect(json.status).toBe(400);
  });
});

describe("groups", () => {
  it("creates, reads, filters, updates and deletes a group", async () => {
    const created = await h.call("POST", "/v1.0/groups", { body: newGroup("Tier 1 Analyst", { description: "d" }) });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body).toMatchObject({ displayName: "Tier 1 Analyst", securityEnabled: true, mailEnabled: false, groupTypes: [] });
    const id = created.body.id;
    const byName = await h.call("GET", `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Tier 1 Analyst'")}&$select=id,displayName,mailNickname,securityEnabled`);
    expect(byName.body.value).toEqual([{ id, displayName: "Tier 1 Analyst", mailNickname: "tier-1-analyst", securityEnabled: true }]);
    expect((await h.call("PATCH", `/v1.0/groups/${id}`, { body: { description: "new" } })).status).toBe(204);
    expect((await h.call("GET", `/v1.0/groups/${id}?$select=description`)).body).toMatchObject({ description: "new" });
    expect((await h.call("DELETE", `/v1.0/groups/${id}`)).status).toBe(204);
    const gone = await h.call("GET", `/v1.0/groups/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("Request_ResourceNotFound");
  });

  it.each([
    [{ displayName: "x", mailEnabled: false, securityEnabled: true }, /'mailNickname'/],
    [newGroup("x", { mailNickname: "has space" }), /'mailNickname'/],
    [newGroup("x", { mailNickname: "a@b" }), /'mailNickname'/],
    [newGroup("x", { mailNickname: "x".repeat(65) }), /'mailNickname'/],
    [newGroup("x", { displayName: "" }), /'displayName'/],
    [newGroup("x", { securityEnabled: "yes" }), /securityEnabled/],
    [newGroup("x", { favouriteColour: "red" }), /'favouriteColour' does not exist/],
    [newGroup("x", { mailEnabled: true }), /Mail-enabled security groups/],
  ])("rejects an invalid group %#", async (body, message) => {
    const r = await h.call("POST", "/v1.0/groups", { body, headers: ON_PURPOSE_INVALID });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("Request_BadRequest");
    expect(r.body.error.message).toMatch(message);
  });

  it("adds and removes members with $ref, and refuses duplicates and unknown objects", async () => {
    const group = (await h.call("POST", "/v1.0/groups", { body: newGroup("Approvers") })).body;
    const user = "37227be9-75f7-5cdf-b448-e40e9ca6c9f5";
    const ref = { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${user}` };
    expect((await h.call("POST", `/v1.0/groups/${group.id}/members/$ref`, { body: ref })).status).toBe(204);
    const again = await h.call("POST", `/v1.0/groups/${group.id}/members/$ref`, { body: ref });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already exist/);
    const unknown = await h.call("POST", `/v1.0/groups/${group.id}/members/$ref`, { body: { "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-0000-0000-000000000000" } });
    expect(unknown.status).toBe(404);
    const members = await h.call("GET", `/v1.0/groups/${group.id}/members?$select=id`);
    expect(members.body.value).toEqual([{ "@odata.type": "#microsoft.graph.user", id: user }]);
    expect((await h.call("DELETE", `/v1.0/groups/${group.id}/members/${user}/$ref`)).status).toBe(204);
    expect((await h.call("DELETE", `/v1.0/groups/${group.id}/members/${user}/$ref`)).status).toBe(404);
    expect((await h.call("GET", `/v1.0/groups/${group.id}/members`)).body.value).toEqual([]);
  });

  it("binds members and owners on create", async () => {
    const user = "37227be9-75f7-5cdf-b448-e40e9ca6c9f5";
    const created = await h.call("POST", "/v1.0/groups", { body: newGroup("Bound", { "members@odata.bind": [`https://graph.microsoft.com/v1.0/users/${user}`], "owners@odata.bind": [`https://graph.microsoft.com/v1.0/users/${user}`] }) });
    expect(created.status).toBe(201);
    const expanded = await h.call("GET", `/v1.0/groups/${created.body.id}?$select=id&$expand=members($select=id),owners($select=id)`);
    expect(expanded.body.members).toEqual([{ "@odata.type": "#microsoft.graph.user", id: user }]);
    expect(expanded.body.owners).toHaveLength(1);
  });

  it("keeps tenants apart", async () => {
    const created = await h.call("POST", "/v1.0/groups", { body: newGroup("Contoso only") });
    const other = await h.call("GET", `/v1.0/groups/${created.body.id}`, { tenant: MSSP });
    expect(other.status).toBe(404);
  });

  it("requires ConsistencyLevel: eventual for $count and advanced operators on directory objects", async () => {
    expect((await h.call("GET", "/v1.0/groups?$count=true")).status).toBe(400);
    expect((await h.call("GET", "/v1.0/groups?$filter=displayName ne 'x'")).body.error.code).toBe("Request_UnsupportedQuery");
    const counted = await h.call("GET", "/v1.0/groups?$count=true&$filter=displayName ne 'x'", { headers: { ConsistencyLevel: "eventual" } });
    expect(counted.status).toBe(200);
    expect(counted.body["@odata.count"]).toBe(0);
  });
});

describe("paging", () => {
  it("pages through 250 groups with @odata.nextLink (page size 100)", async () => {
    for (let i = 0; i < 250; i++) h.graph.state.tenant(CONTOSO).groups.set(`g${i}`, { id: `g${i}`, displayName: `Group ${i}`, description: null, mailEnabled: false, mailNickname: `g${i}`, securityEnabled: true, groupTypes: [], visibility: null, isAssignableToRole: null, createdDateTime: "2026-01-01T00:00:00Z", members: new Set(), owners: new Set() });
    const sizes: number[] = [];
    const ids = new Set<string>();
    let link: string | undefined = "/v1.0/groups?$select=id";
    while (link) {
      const page: GraphResponse = await h.call("GET", link);
      expect(page.status).toBe(200);
      sizes.push(page.body.value.length);
      page.body.value.forEach((g: { id: string }) => ids.add(g.id));
      link = page.body["@odata.nextLink"];
      if (link) expect(link.startsWith(h.url)).toBe(true);
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(ids.size).toBe(250);
    const top = await h.call("GET", "/v1.0/groups?$top=7&$count=true", { headers: { ConsistencyLevel: "eventual" } });
    expect(top.body.value).toHaveLength(7);
    expect(top.body["@odata.count"]).toBe(250);
  });
});

describe("users", () => {
  it("lists the tenant's users and gets one by id or UPN", async () => {
    const list = await h.call("GET", "/v1.0/users?$select=id,userPrincipalName,userType");
    expect(list.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toContain("admin@contoso.com");
    const one = await h.call("GET", "/v1.0/users/admin@contoso.com");
    expect(one.body).toMatchObject({ userPrincipalName: "admin@contoso.com", displayName: "Contoso Global Admin" });
    expect(one.body.userType).toBeUndefined(); // not in the default property set
  });
});
