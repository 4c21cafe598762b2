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

describe("subscribedSkus", () => {
  it("lists the seed's licences in Graph's shape, with their service plans", async () => {
    const r = await h.call("GET", "/v1.0/subscribedSkus", { tenant: CONTOSO });
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toMatch(/\/v1\.0\/\$metadata#subscribedSkus$/);
    expect(r.body.value.map((s: { skuPartNumber: string }) => s.skuPartNumber)).toEqual(["AAD_PREMIUM_P2", "SPE_E5"]);
    const [p2] = r.body.value;
    expect(p2).toMatchObject({
      id: `${CONTOSO}_84a661c4-e949-4bd2-a560-ed7766fcaf2b`, accountId: CONTOSO, accountName: "Contoso", appliesTo: "User", capabilityStatus: "Enabled",
      skuId: "84a661c4-e949-4bd2-a560-ed7766fcaf2b", prepaidUnits: { enabled: 25, lockedOut: 0, suspended: 0, warning: 0 },
    });
    expect(p2.servicePlans).toContainEqual({ servicePlanId: P2_PLAN, servicePlanName: "AAD_PREMIUM_P2", provisioningStatus: "Success", appliesTo: "User" });
    expect(p2.subscriptionIds).toHaveLength(1);
    // Only properties of the v1.0 CSDL types (the checker's schema subset lacks them, see README).
    const declared = (type: string) => [...propertiesOf(type).values()].map((p) => p.name);
    expect(declared("subscribedSku")).toEqual(expect.arrayContaining(Object.keys(p2).filter((k) => !k.startsWith("@"))));
    expect(declared("servicePlanInfo")).toEqual(expect.arrayContaining(Object.keys(p2.servicePlans[0])));
    expect(declared("licenseUnitsDetail")).toEqual(expect.arrayContaining(Object.keys(p2.prepaidUnits)));
    const one = await h.call("GET", `/v1.0/subscribedSkus/${p2.id}?$select=skuPartNumber`, { tenant: CONTOSO });
    expect(one.body).toMatchObject({ skuPartNumber: "AAD_PREMIUM_P2" });
    expect(one.body.servicePlans).toBeUndefined();
    expect((await h.call("GET", `/v1.0/subscribedSkus/${CONTOSO}_00000000-0000-0000-0000-000000000000`, { tenant: CONTOSO })).status).toBe(404);
  });

  it("shows a tenant without P2 as such, and needs a licence-reading permission", async () => {
    const r = await h.call("GET", "/v1.0/subscribedSkus", { tenant: WOODGROVE });
    expect(r.body.value.map((s: { skuPartNumber: string }) => s.skuPartNumber)).toEqual(["ENTERPRISEPACK"]);
    expect(r.body.value[0].servicePlans.map((p: { servicePlanName: string }) => p.servicePlanName)).not.toContain("AAD_PREMIUM_P2");
    expect((await h.call("GET", "/v1.0/subscribedSkus", { token: appToken(CONTOSO, ["Group.ReadWrite.All"]) })).status).toBe(403);
    expect((await h.call("GET", "/v1.0/subscribedSkus", { token: appToken(CONTOSO, ["Organization.Read.All"]) })).status).toBe(200);
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
