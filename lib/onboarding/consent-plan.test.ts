import { describe, expect, it } from "vitest";
import { missingPermissions, plannedObjects, REQUESTED_PERMISSIONS } from "./consent-plan";

describe("consent plan", () => {
  it("finds nothing missing when every requested permission was granted, in any order", () => {
    expect(missingPermissions([...REQUESTED_PERMISSIONS.map((p) => p.name)].reverse())).toEqual([]);
  });

  it("lists the requested permissions a consent did not grant", () => {
    expect(missingPermissions(["Group.ReadWrite.All", "Organization.Read.All", "User.Read.All"])).toEqual([
      "EntitlementManagement.ReadWrite.All",
      "GroupMember.ReadWrite.All",
      "CrossTenantInformation.ReadBasic.All",
      "RoleManagement.ReadWrite.Defender",
    ]);
  });

  it("names the MSSP in the connected organization it will create", () => {
    expect(plannedObjects("Northwind Defense").find((o) => o.kind === "Connected organization")?.name).toBe("Northwind Defense");
  });
});
