import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appToken, CONTOSO, startGraphHarness, type Harness } from "../testing/harness.ts";
import { propertiesOf } from "../schema/types.ts";

const EM = "/v1.0/identityGovernance/entitlementManagement";
const WOODGROVE = "28d47023-32d2-5848-b7e2-97947bc4e9a9"; // Office 365 E3 only: no Entra ID P2
const LITWARE = "bcef2af2-a22a-5dbd-8ae0-feca3fe21894"; // P2, but Defender Unified RBAC never activated
const P2_PLAN = "eec0eb4f-6444-4f95-aba0-50c24d67f998";
let h: Harness;

beforeAll(async () => { h = await startGraphHarness(); });
afterAll(() => h.close());
beforeEach(async () => { await h.control("POST", "/reset"); });

const P1_PLAN = "41781fb2-bc02-4b7c-bd55-b576c07bb09d";
const GOVERNANCE_PLAN = "e866a266-3cff-43a3-acca-0c90a7e00c8b";
type Plan = { servicePlanId: string; service: string; capabilityStatus: string; assignedDateTime: string };
const plansOf = async (tenant: string): Promise<Plan[]> =>
  (await h.call("GET", "/v1.0/organization?$select=id,assignedPlans", { tenant })).body.value[0].assignedPlans;

describe("organization.assignedPlans (the tenant's licences)", () => {
  it("lists each service plan of the seed's licences once, in Graph's assignedPlan shape", async () => {
    const r = await h.call("GET", "/v1.0/organization?$select=id,assignedPlans", { tenant: CONTOSO });
    expect(r.status).toBe(200);
    expect(r.body.value).toHaveLength(1);
    expect(Object.keys(r.body.value[0]).sort()).toEqual(["assignedPlans", "id"]);
    const plans: Plan[] = r.body.value[0].assignedPlans;
    // AAD_PREMIUM_P2 + SPE_E5: both carry P1 and P2, listed once each.
    expect(plans.map((p) => p.servicePlanId)).toEqual([P1_PLAN, P2_PLAN, "efb87545-963c-4e0d-99df-69c6916d9eb0", "5dbe027f-2339-4123-9542-606e4d348a72"]);
    expect(plans[1]).toEqual({ assignedDateTime: "2024-01-15T09:00:00Z", capabilityStatus: "Enabled", service: "AADPremiumService", servicePlanId: P2_PLAN });
    const declared = [...propertiesOf("assignedPlan").values()].map((p) => p.name);
    expect(declared).toEqual(expect.arrayContaining(Object.keys(plans[0]!)));
  });

  it("shows a tenant without P2 as such, follows the control API, and needs Organization.Read.All", async () => {
    expect((await plansOf(WOODGROVE)).map((p) => p.service)).toEqual(["exchange", "SharePoint"]);
    await h.control("PATCH", `/tenants/${WOODGROVE}`, { licenses: ["ENTERPRISEPACK", "Microsoft_Entra_ID_Governance"] });
    expect((await plansOf(WOODGROVE)).map((p) => p.servicePlanId)).toContain(GOVERNANCE_PLAN);
    expect((await h.call("GET", "/v1.0/organization?$select=id,assignedPlans", { token: appToken(CONTOSO, ["Group.ReadWrite.All"]) })).status).toBe(403);
    expect((await h.call("GET", "/v1.0/organization?$select=id,assignedPlans", { token: appToken(CONTOSO, ["Organization.Read.All"]) })).status).toBe(200);
  });
});

describe("entitlement management without Entra ID P2 or ID Governance", () => {
  it("refuses writes with 403 NoLicense and still answers reads", async () => {
    const write = await h.call("POST", `${EM}/catalogs`, { tenant: WOODGROVE, body: { displayName: "MSSP Accesses" } });
    expect(write.status).toBe(403);
    expect(write.body.error).toMatchObject({ code: "NoLicense", message: "User is not authorized to perform the operation. Reason: Tenant does not meet license requirement!" });
    expect((await h.call("POST", `${EM}/connectedOrganizations`, { tenant: WOODGROVE, body: { displayName: "x", identitySources: [] } })).body.error.code).toBe("NoLicense");
    expect((await h.call("GET", `${EM}/catalogs`, { tenant: WOODGROVE })).status).toBe(200);
    // Groups are not entitlement management: they work on any licence.
    expect((await h.call("POST", "/v1.0/groups", { tenant: WOODGROVE, body: { displayName: "G", mailEnabled: false, mailNickname: "g", securityEnabled: true } })).status).toBe(201);
  });

  it("refuses inner $batch writes the same way", async () => {
    const r = await h.call("POST", "/v1.0/$batch", { tenant: WOODGROVE, body: { requests: [{ id: "1", method: "POST", url: "/identityGovernance/entitlementManagement/catalogs", headers: { "content-type": "application/json" }, body: { displayName: "C" } }] } });
    expect(r.body.responses[0]).toMatchObject({ status: 403, body: { error: { code: "NoLicense" } } });
  });

  it("accepts writes once the tenant holds ID Governance (control API)", async () => {
    const patched = await h.control("PATCH", `/tenants/${WOODGROVE}`, { licenses: ["ENTERPRISEPACK", "microsoft_entra_id_governance"] });
    expect(patched.body.licenses).toEqual(["ENTERPRISEPACK", "Microsoft_Entra_ID_Governance"]);
    expect((await h.call("POST", `${EM}/catalogs`, { tenant: WOODGROVE, body: { displayName: "MSSP Accesses" } })).status).toBe(201);
    expect((await h.control("PATCH", `/tenants/${WOODGROVE}`, { licenses: ["NOPE"] })).status).toBe(400);
    await h.control("POST", "/reset");
    expect((await h.control("GET", `/tenants/${WOODGROVE}`)).body.licenses).toEqual(["ENTERPRISEPACK"]);
  });
});

describe("Defender Unified RBAC not activated", () => {
  it("refuses every beta roleManagement/defender call with 403 naming the cause", async () => {
    for (const [method, path] of [["GET", "/beta/roleManagement/defender/roleDefinitions"], ["GET", "/beta/roleManagement/defender/resourceNamespaces"], ["GET", "/beta/roleManagement/defender/roleAssignments"]] as const) {
      const r = await h.call(method, path, { tenant: LITWARE });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("Forbidden");
      expect(r.body.error.message).toMatch(/Unified RBAC is not activated/);
    }
    const post = await h.call("POST", "/beta/roleManagement/defender/roleDefinitions", { tenant: LITWARE, body: { displayName: "Tier 1", rolePermissions: [{ allowedResourceActions: ["microsoft.xdr/secops/securitydata/read"] }] } });
    expect(post.status).toBe(403);
    expect((await h.call("GET", "/beta/roleManagement/defender/roleDefinitions", { tenant: CONTOSO })).status).toBe(200);
  });

  it("works after activation (control API), and entitlement management is unaffected meanwhile", async () => {
    expect((await h.call("POST", `${EM}/catalogs`, { tenant: LITWARE, body: { displayName: "C" } })).status).toBe(201);
    expect((await h.control("PATCH", `/tenants/${LITWARE}`, { defenderUnifiedRbac: true })).body.defenderUnifiedRbac).toBe(true);
    expect((await h.call("GET", "/beta/roleManagement/defender/roleDefinitions", { tenant: LITWARE })).status).toBe(200);
    expect((await h.control("PATCH", `/tenants/${LITWARE}`, { unifiedRbac: true })).status).toBe(400);
    expect((await h.control("PATCH", "/tenants/nowhere.example", { defenderUnifiedRbac: true })).status).toBe(404);
  });
});
