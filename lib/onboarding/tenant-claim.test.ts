import { describe, expect, it } from "vitest";
import { tenantClaimRefusal, type TenantClaims } from "./tenant-claim";

const MSSP = "74361f78-e191-4c87-ac08-85e9f5f72879";
const CUSTOMER = "f751f8f2-154d-4e76-acbb-2dba45769137";
const free: TenantClaims = { workspaceTenantId: MSSP, sameWorkspaceCustomer: null, claimedElsewhere: false };

describe("tenantClaimRefusal", () => {
  it.each<[string, string, TenantClaims, RegExp | null]>([
    ["a free tenant", CUSTOMER, free, null],
    ["the MSSP's own tenant", MSSP, free, /your own MSSP tenant/],
    ["the MSSP's own tenant, whatever the case", MSSP.toUpperCase(), free, /your own MSSP tenant/],
    ["a tenant of this workspace's customer", CUSTOMER, { ...free, sameWorkspaceCustomer: { displayName: "Contoso", primaryDomain: "contoso.com" } }, /same Microsoft tenant as Contoso \(contoso\.com\)/],
    ["a tenant claimed elsewhere", CUSTOMER, { ...free, claimedElsewhere: true }, /already managed by another MSSP/],
    // The own tenant wins over every other reason: it is the one the admin can act on.
    ["the own tenant, also claimed elsewhere", MSSP, { ...free, claimedElsewhere: true }, /your own MSSP tenant/],
  ])("%s", (_name, tenantId, claims, expected) => {
    const refusal = tenantClaimRefusal("contoso.onmicrosoft.com", tenantId, claims);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });

  it("never names a customer of another workspace", () => {
    const refusal = tenantClaimRefusal("contoso.com", CUSTOMER, { ...free, claimedElsewhere: true });
    expect(refusal).toBe("The Microsoft tenant of contoso.com is already managed by another MSSP in this Gatehouse. A tenant can be the customer of one MSSP only.");
  });
});
