import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { navigationFor } from "@/lib/navigation";
import { portalRoleFromClaim } from "./app-roles";
import { safeCallbackPath } from "./callback-path";
import { can, permissionsOf, requirePermission } from "./permissions";
import { decideSignIn } from "./sign-in-decision";

describe("role → permission map", () => {
  it("gives admins everything, approvers the approvals queue, analysts their own access", () => {
    expect(can({ role: "admin" }, "customers:write")).toBe(true);
    expect(can({ role: "approver" }, "approvals:read")).toBe(true);
    expect(can({ role: "approver" }, "customers:read")).toBe(false);
    expect(can({ role: "analyst" }, "access:read-own")).toBe(true);
    expect(can({ role: "analyst" }, "approvals:read")).toBe(false);
    expect(can({ role: "analyst" }, "audit:read")).toBe(false);
    expect(can({ role: "analyst" }, "access:read-all")).toBe(false);
    expect(can({ role: "analyst" }, "dashboard:read")).toBe(false);
    expect(can({ role: "admin" }, "blueprint:write")).toBe(true);
    expect(can({ role: "approver" }, "blueprint:write")).toBe(false);
    expect(can({ role: "analyst" }, "blueprint:write")).toBe(false);
  });

  it.each([undefined, null, "", "Admin", "root", "constructor", "__proto__", 42, {}])("fails closed for role %j", (role) => {
    expect(permissionsOf(role)).toEqual([]);
    expect(can({ role }, "dashboard:read")).toBe(false);
  });

  it("fails closed without a user", () => {
    expect(can(null, "dashboard:read")).toBe(false);
    expect(() => requirePermission(undefined, "dashboard:read")).toThrow(ForbiddenError);
  });

  it("requirePermission passes silently when allowed", () => {
    expect(() => requirePermission({ role: "admin" }, "invites:manage")).not.toThrow();
  });

  it("shows each role only the navigation it may use", () => {
    const labels = (role: string) => navigationFor(permissionsOf(role)).map((i) => i.label);
    expect(labels("admin")).toEqual(["Dashboard", "Customers", "Drift", "Approvals", "Access matrix", "Launchpad", "My access", "Audit log", "Settings"]);
    expect(labels("approver")).toEqual(["Dashboard", "Approvals", "Access matrix", "Launchpad", "My access"]);
    expect(labels("analyst")).toEqual(["Launchpad", "My access"]);
    expect(labels("nobody")).toEqual([]);
  });
});

describe("app roles claim", () => {
  it("maps Entra app role values and picks the most privileged", () => {
    expect(portalRoleFromClaim(["Gatehouse.Analyst"])).toBe("analyst");
    expect(portalRoleFromClaim(["Gatehouse.Analyst", "Gatehouse.Admin"])).toBe("admin");
    expect(portalRoleFromClaim(["Gatehouse.Approver", "Other.Role"])).toBe("approver");
  });

  it.each([undefined, null, "Gatehouse.Admin", [], ["gatehouse.admin"], ["Other"], [1, 2]])("finds no role in %j", (claim) => {
    expect(portalRoleFromClaim(claim)).toBeNull();
  });
});

describe("sign-in decision", () => {
  const identity = {
    tenantId: "74361f78-e191-4c87-ac08-85e9f5f72879",
    objectId: "0a1b2c3d-0000-4000-8000-000000000001",
    name: "Avery Admin",
    email: "admin@northwinddefense.com",
    roles: ["Gatehouse.Admin"],
  };

  it("admits a user of a registered tenant with a role", () => {
    expect(decideSignIn(identity, true)).toEqual({ allowed: true, role: "admin" });
  });

  it("refuses a tenant without a workspace", () => {
    expect(decideSignIn(identity, false)).toEqual({ allowed: false, reason: "unregistered-tenant" });
  });

  it("refuses a user without a Gatehouse role", () => {
    expect(decideSignIn({ ...identity, roles: undefined }, true)).toEqual({ allowed: false, reason: "no-role" });
  });

  it("refuses a token without usable tenant or object ids", () => {
    expect(decideSignIn({ ...identity, tenantId: undefined }, true)).toEqual({ allowed: false, reason: "incomplete-token" });
    expect(decideSignIn({ ...identity, objectId: "not-a-guid" }, true)).toEqual({ allowed: false, reason: "incomplete-token" });
  });
});

describe("callback path after sign-in", () => {
  it.each([
    ["/customers/1?tab=audit", "/customers/1?tab=audit"],
    ["https://evil.example/", "/dashboard"],
    ["//evil.example/", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/\t/evil.example", "/dashboard"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/\n/evil.example", "/dashboard"],
    ["/a/../b", "/b"],
    [undefined, "/dashboard"],
    [["/a"], "/dashboard"],
  ])("%j → %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
