/**
 * A broad, valid Gatehouse scenario against the real server with real tokens, recorded with
 * the traffic log (EMULATOR_TRAFFIC_LOG's option). The recording is left at
 * `.data/emulator/graph-traffic.jsonl` so it can be checked against Microsoft's schema:
 *   python3 <graph-conformance.py> .data/emulator/graph-traffic.jsonl
 */
import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../server.ts";
import { provisionCustomer } from "../graph/testing/provisioning.ts";
import type { LooseJson } from "../graph/testing/harness.ts";

export const TRAFFIC_FILE = resolve(".data/emulator/graph-traffic.jsonl");
const APP_ID = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
const EM = "/v1.0/identityGovernance/entitlementManagement";

let emu: RunningEmulator;
let bearer = "";

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const r = await fetch(emu.url + path, { method, headers: { authorization: bearer, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
};
const control = (path: string, body?: unknown) => fetch(`${emu.url}/_emulator${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) }).then((r) => r.json() as Promise<LooseJson>);

beforeAll(async () => {
  rmSync(TRAFFIC_FILE, { force: true });
  emu = await startEmulator({ seed: "emulator/seed/demo.json", port: 0, control: true, quiet: true, trafficLogPath: TRAFFIC_FILE, pageSize: 2 });
  emu.world.grantConsent(CONTOSO, APP_ID);
  const tokenResponse = await fetch(`${emu.url}/${CONTOSO}/oauth2/v2.0/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ client_id: APP_ID, client_secret: "gatehouse-demo-client-secret", grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" }) });
  bearer = `Bearer ${((await tokenResponse.json()) as { access_token: string }).access_token}`;
});
afterAll(() => emu.close());

describe("recorded Gatehouse scenario", () => {
  it("records every call, including each inner $batch request", async () => {
    expect((await call("GET", "/v1.0/organization?$select=id,displayName,verifiedDomains")).status).toBe(200);
    const p = await provisionCustomer(call);
    // reads the portal does
    for (const path of [
      `${EM}/connectedOrganizations?$filter=${encodeURIComponent("displayName eq 'Northwind Defense'")}`,
      `${EM}/connectedOrganizations/${p.connectedOrganizationId}`,
      `${EM}/catalogs?$filter=${encodeURIComponent("displayName eq 'MSSP Accesses'")}`,
      `${EM}/catalogs/${p.catalogId}`,
      `${EM}/catalogs/${p.catalogId}/accessPackages`,
      `${EM}/accessPackages?$expand=assignmentPolicies`,
      `${EM}/accessPackages/${p.accessPackages.tier1}?$expand=resourceRoleScopes($expand=role,scope)`,
      `${EM}/accessPackages/${p.accessPackages.tier1}/assignmentPolicies`,
      `${EM}/assignmentPolicies`,
      `${EM}/resourceRequests`,
      `/v1.0/groups/${p.groups.tier1}`,
    ]) expect((await call("GET", path)).status, path).toBe(200);
    // paging with the server page size of 2
    let link: string | undefined = "/v1.0/groups?$select=id,displayName";
    let pages = 0;
    while (link) { const page = await call("GET", link.replace(emu.url, "")); pages++; link = page.body["@odata.nextLink"]; }
    expect(pages).toBeGreaterThan(0);
    // the life cycle, driven through the control API
    await control(`/access-packages/${p.accessPackages.approvers}/requests`, { tenantId: CONTOSO, userPrincipalName: "approver@northwinddefense.com" });
    const submitted = await control(`/access-packages/${p.accessPackages.tier1}/requests`, { tenantId: CONTOSO, userPrincipalName: "alex@northwinddefense.com", justification: "on call" });
    expect((await call("GET", `${EM}/assignmentRequests?$filter=${encodeURIComponent("state eq 'pendingApproval'")}&$expand=requestor,accessPackage`)).status).toBe(200);
    expect((await call("GET", `${EM}/accessPackageAssignmentApprovals/${submitted.id}/stages`)).status).toBe(403);
    await control(`/approvals/${submitted.id}`, { approverUserPrincipalName: "approver@northwinddefense.com", decision: "Approve", justification: "ok" });
    const assignments = await call("GET", `${EM}/assignments?$filter=${encodeURIComponent("state eq 'Delivered'")}&$expand=target,accessPackage`);
    expect(assignments.body.value.length).toBe(2);
    expect((await call("GET", `${EM}/assignments/${assignments.body.value[0].id}?$expand=assignmentPolicy`)).status).toBe(200);
    expect((await call("GET", `${EM}/assignmentRequests/${submitted.id}?$expand=assignment`)).status).toBe(200);
    expect((await call("GET", `/v1.0/groups/${p.groups.tier1}/members?$select=id`)).body.value).toHaveLength(1);
    const bailey = await control(`/access-packages/${p.accessPackages.tier1}/requests`, { tenantId: CONTOSO, userPrincipalName: "bailey@northwinddefense.com", justification: "x" });
    expect((await call("POST", `${EM}/assignmentRequests/${bailey.id}/cancel`)).status).toBe(204);
    await control("/clock/advance", { days: 366 });
    expect((await call("GET", `${EM}/assignments?$filter=${encodeURIComponent("state eq 'expired'")}`)).body.value).toHaveLength(2);
    // updates and removals
    const policy = (await call("GET", `${EM}/assignmentPolicies/${p.policies.tier1}`)).body;
    const { "@odata.context": _ctx, createdDateTime: _c, modifiedDateTime: _m, ...replacement } = policy;
    expect((await call("PUT", `${EM}/assignmentPolicies/${p.policies.tier1}`, { ...replacement, description: "updated", accessPackage: { id: p.accessPackages.tier1 } })).status).toBe(200);
    expect((await call("PATCH", `${EM}/catalogs/${p.catalogId}`, { description: "Managed by Gatehouse (v2)" })).status).toBe(204);
    expect((await call("PATCH", `${EM}/accessPackages/${p.accessPackages.tier1}`, { description: "Tier 1 (v2)" })).status).toBe(204);
    expect((await call("PATCH", `${EM}/connectedOrganizations/${p.connectedOrganizationId}`, { description: "MSSP (v2)" })).status).toBe(204);
    expect((await call("PATCH", `/v1.0/groups/${p.groups.tier1}`, { description: "Tier 1 (v2)" })).status).toBe(204);
    const extra = (await call("POST", "/v1.0/groups", { displayName: "Tier 2 Analyst", mailEnabled: false, mailNickname: "tier2", securityEnabled: true })).body;
    const guest = (await call("GET", `/v1.0/groups/${p.groups.tier1}/members?$select=id`)).body.value;
    expect(guest).toEqual([]);
    expect((await call("POST", `/v1.0/groups/${extra.id}/members/$ref`, { "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/37227be9-75f7-5cdf-b448-e40e9ca6c9f5" })).status).toBe(204);
    expect((await call("DELETE", `/v1.0/groups/${extra.id}/members/37227be9-75f7-5cdf-b448-e40e9ca6c9f5/$ref`)).status).toBe(204);
    const scopes = (await call("GET", `${EM}/accessPackages/${p.accessPackages.tier1}/resourceRoleScopes`)).body.value;
    expect((await call("DELETE", `${EM}/accessPackages/${p.accessPackages.tier1}/resourceRoleScopes/${scopes[0].id}`)).status).toBe(204);
    expect((await call("DELETE", `${EM}/assignmentPolicies/${p.policies.tier1}`)).status).toBe(204);
    expect((await call("DELETE", `${EM}/accessPackages/${p.accessPackages.tier1}`)).status).toBe(204);
    expect((await call("DELETE", `/v1.0/groups/${extra.id}`)).status).toBe(204);
    // $batch, errors and throttling
    const batch = await call("POST", "/v1.0/$batch", { requests: [
      { id: "1", method: "GET", url: "/organization?$select=id" },
      { id: "2", method: "POST", url: "/groups", headers: { "Content-Type": "application/json" }, body: { displayName: "Batch", mailEnabled: false, mailNickname: "batch", securityEnabled: true }, dependsOn: ["1"] },
      { id: "3", method: "GET", url: "/groups/00000000-0000-0000-0000-000000000000", dependsOn: ["2"] },
      { id: "4", method: "GET", url: "/organization", dependsOn: ["3"] },
    ] });
    expect(batch.body.responses.map((r: { status: number }) => r.status).sort()).toEqual([200, 201, 404, 424]);
    expect((await call("GET", "/v1.0/groups/00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await call("GET", `${EM}/catalogs/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await fetch(`${emu.url}/v1.0/groups`)).status).toBe(401);
    await fetch(`${emu.url}/_emulator/faults`, { method: "PUT", body: JSON.stringify([{ pathPattern: "/v1.0/organization", sequence: ["429", "503"] }]) });
    expect((await call("GET", "/v1.0/organization")).status).toBe(429);
    expect((await call("GET", "/v1.0/organization")).status).toBe(503);
    expect((await call("GET", "/beta/roleManagement/defender/resourceNamespaces?$expand=resourceActions")).status).toBe(200);
    expect((await call("GET", "/v1.0/tenantRelationships/findTenantInformationByDomainName(domainName='northwinddefense.com')")).status).toBe(200);

    const lines = readFileSync(TRAFFIC_FILE, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(["method", "path", "query", "requestBody", "requestBody", "responseBody", "responseHeaders", "status"].filter((k, i, a) => a.indexOf(k) === i).sort());
    expect(lines.filter((l) => typeof l.path === "string" && l.path.startsWith("/v1.0/organization")).length).toBeGreaterThan(3);
    expect(lines.some((l) => l.path === "/v1.0/$batch")).toBe(true);
    expect(lines.filter((l) => l.path === "/v1.0/groups" && l.method === "POST").length).toBeGreaterThanOrEqual(4); // incl. the inner batch one
  });
});
