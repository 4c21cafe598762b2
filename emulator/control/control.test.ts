import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTOSO, startGraphHarness, type Harness } from "../graph/testing/harness.ts";
import { provisionCustomer } from "../graph/testing/provisioning.ts";

let h: Harness;
beforeAll(async () => { h = await startGraphHarness(); });
afterAll(() => h.close());
beforeEach(async () => { await h.control("POST", "/reset"); await h.control("DELETE", "/faults"); });

const newGroup = { displayName: "G", mailEnabled: false, mailNickname: "g", securityEnabled: true };

describe("control API", () => {
  it("resets Graph state and the clock to the seed", async () => {
    await h.call("POST", "/v1.0/groups", { body: newGroup });
    await h.control("POST", "/clock/advance", { days: 3 });
    expect((await h.control("GET", `/state/${CONTOSO}`)).body.counts.groups).toBe(1);
    expect((await h.control("POST", "/reset")).status).toBe(200);
    expect((await h.call("GET", "/v1.0/groups")).body.value).toEqual([]);
    expect((await h.control("GET", "/clock")).body.offsetMs).toBe(0);
  });

  it("moves the clock forward by days, hours, minutes and ms, never backward", async () => {
    const moved = await h.control("POST", "/clock/advance", { days: 1, hours: 2, minutes: 3, ms: 4 });
    expect(moved.body.offsetMs).toBe(((24 + 2) * 60 + 3) * 60_000 + 4);
    expect((await h.control("POST", "/clock/advance", { days: -1 })).status).toBe(400);
    expect((await h.control("POST", "/clock/advance", { weeks: 1 })).status).toBe(400);
  });

  it("sets, reads and clears faults, and validates them", async () => {
    const rules = [{ pathPattern: "/v1.0/groups", sequence: ["503"] }];
    expect((await h.control("PUT", "/faults", rules)).body.rules).toEqual(rules);
    expect((await h.control("GET", "/faults")).body.rules).toEqual(rules);
    expect((await h.call("GET", "/v1.0/groups")).status).toBe(503);
    expect((await h.control("PUT", "/faults", [{ rate429: 5 }])).status).toBe(400);
    expect((await h.control("DELETE", "/faults")).body.rules).toEqual([]);
  });

  it("reads the call log with a cursor and clears it", async () => {
    const { body: start } = await h.control("GET", "/traffic");
    await h.call("POST", "/v1.0/groups", { body: newGroup });
    await h.call("GET", "/v1.0/groups?$select=id");
    const { body } = await h.control("GET", `/traffic?since=${start.cursor}`);
    expect(body.entries.map((e: { method: string; path: string; status: number }) => `${e.method} ${e.path} ${e.status}`)).toEqual(["POST /v1.0/groups 201", "GET /v1.0/groups 200"]);
    expect(body.entries[0]).toMatchObject({ requestBody: newGroup, responseHeaders: { "request-id": expect.any(String) } });
    expect(body.entries[1].query).toBe("$select=id");
    await h.control("DELETE", "/traffic");
    expect((await h.control("GET", "/traffic")).body.entries).toEqual([]);
  });

  it("acts as requestor and approver and summarises the tenant", async () => {
    const p = await provisionCustomer((method, path, body) => h.call(method, path, { body }));
    await h.control("POST", `/access-packages/${p.accessPackages.approvers}/requests`, { tenantId: "contoso.com", userPrincipalName: "approver@northwinddefense.com" });
    const submitted = await h.control("POST", `/access-packages/${p.accessPackages.tier1}/requests`, { tenantId: CONTOSO, userPrincipalName: "alex@northwinddefense.com", justification: "on call" });
    expect(submitted.status).toBe(201);
    expect(submitted.body.requestor).toMatchObject({ principalName: "alex@northwinddefense.com", objectId: null });
    const approved = await h.control("POST", `/approvals/${submitted.body.id}`, { approverUserPrincipalName: "approver@northwinddefense.com", decision: "Approve", justification: "ok" });
    expect(approved.body).toMatchObject({ state: "delivered", assignment: { state: "delivered", target: { principalName: "alex@northwinddefense.com" } } });
    const summary = await h.control("GET", `/state/${CONTOSO}`);
    expect(summary.body).toMatchObject({ displayName: "Contoso", guests: 2, requestsByState: { delivered: 2 }, assignmentsByState: { delivered: 2 } });
  });

  it("adds a tenant that Graph then resolves by domain, refuses a taken domain, and drops it on reset", async () => {
    const tenant = {
      id: "0b7e2a51-3c8f-4d6e-9a1b-2c3d4e5f6a7b",
      displayName: "Woodgrove",
      domains: ["woodgrove.onmicrosoft.com", "woodgrove.example"],
      users: [{ id: "1c8f3b62-4d9a-4e7f-8b2c-3d4e5f6a7b8c", userPrincipalName: "admin@woodgrove.example", displayName: "Admin", password: "pw", directoryRoles: ["Global Administrator"] }],
    };
    const added = await h.control("POST", "/tenants", tenant);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: tenant.id, domains: tenant.domains, users: ["admin@woodgrove.example"] });
    const found = await h.call("GET", "/v1.0/tenantRelationships/findTenantInformationByDomainName(domainName='woodgrove.example')");
    expect(found.body).toMatchObject({ tenantId: tenant.id, displayName: "Woodgrove" });
    expect((await h.control("POST", "/tenants", { ...tenant, id: "2d9a4c73-5e0b-4f8a-9c3d-4e5f6a7b8c9d", users: [] })).status).toBe(409);
    expect((await h.control("POST", "/tenants", { ...tenant, id: "not-a-guid" })).status).toBe(400);
    const outsider = { ...tenant, id: "3e0b5d84-6f1c-4a9b-8d4e-5f6a7b8c9d0e", domains: ["elsewhere.example"], users: tenant.users };
    expect((await h.control("POST", "/tenants", outsider)).status).toBe(400);
    await h.control("POST", "/reset");
    expect((await h.call("GET", "/v1.0/tenantRelationships/findTenantInformationByDomainName(domainName='woodgrove.example')")).status).toBe(404);
  });

  it.each([
    ["POST", "/access-packages/00000000-0000-0000-0000-000000000000/requests", { tenantId: CONTOSO, userPrincipalName: "alex@northwinddefense.com" }, 404],
    ["POST", "/access-packages/x/requests", { tenantId: CONTOSO }, 400],
    ["POST", "/approvals/00000000-0000-0000-0000-000000000000", { approverUserPrincipalName: "approver@northwinddefense.com", decision: "Approve" }, 404],
    ["POST", "/approvals/x", { approverUserPrincipalName: "a@b.c", decision: "Maybe" }, 400],
    ["GET", "/state/nowhere.example", undefined, 404],
    ["GET", "/nothing", undefined, 404],
  ])("%s %s → %d with an error body", async (method, path, body, status) => {
    const r = await h.control(method, path, body);
    expect(r.status).toBe(status);
    expect(r.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
