import { describe, expect, it } from "vitest";
import { homeAddressFromGuestUpn, staffMatcher, toRows } from "./normalize";

describe("homeAddressFromGuestUpn", () => {
  it("turns a B2B guest UPN back into the home address", () => {
    expect(homeAddressFromGuestUpn("alice_mssp.com#EXT#@contoso.onmicrosoft.com")).toBe("alice@mssp.com");
    expect(homeAddressFromGuestUpn("first_last_mssp.co.uk#EXT#@c.onmicrosoft.com")).toBe("first_last@mssp.co.uk");
  });
  it("leaves member UPNs alone", () => {
    expect(homeAddressFromGuestUpn("alice@contoso.com")).toBeNull();
  });
});

describe("staffMatcher", () => {
  const match = staffMatcher([{ id: "u1", email: "Alice@MSSP.com" }]);
  it("matches by email or principal name, case-insensitively, and through the guest UPN", () => {
    expect(match(null, "alice@mssp.com")).toBe("u1");
    expect(match("ALICE@mssp.com", null)).toBe("u1");
    expect(match("alice_mssp.com#EXT#@contoso.onmicrosoft.com", null)).toBe("u1");
  });
  it("returns null for strangers instead of guessing", () => {
    expect(match("mallory@mssp.com", "alice@evil.com")).toBeNull();
  });
});

describe("toRows", () => {
  it("keeps unmatched targets and reads the expiry from schedule.expiration.endDateTime", () => {
    const rows = toRows({
      assignments: [{ id: "a1", state: "delivered", status: "Delivered", schedule: { startDateTime: "2026-01-01T00:00:00Z", expiration: { endDateTime: "2027-01-01T00:00:00Z" } }, target: { email: "nora@mssp.com", displayName: "Nora" }, accessPackage: { id: "P1", displayName: "Tier 1" } }],
      requests: [],
      approvers: null,
    }, [], (id) => (id === "p1" ? "tier1" : null));
    expect(rows.assignments[0]).toMatchObject({ graphId: "a1", portalUserId: null, tier: "tier1", accessPackageId: "p1", targetEmail: "nora@mssp.com" });
    expect(rows.assignments[0]!.expiresAt!.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(rows.approvers).toEqual([]);
  });
  it("names approvers-group members from their assignment targets, the delivered one first, and keeps strangers by id", () => {
    const target = (objectId: string, displayName: string) => ({ objectId, displayName, email: "approver@mssp.com", principalName: "approver@mssp.com" });
    const rows = toRows({
      assignments: [
        { id: "a1", state: "delivered", target: target("M1", "Parker Approver"), accessPackage: { id: "p3" } },
        { id: "a0", state: "expired", target: target("m1", "Parker (old name)"), accessPackage: { id: "p3" } },
      ],
      requests: [],
      approvers: [{ "@odata.type": "#microsoft.graph.user", id: "m1" }, { "@odata.type": "#microsoft.graph.user", id: "m2" }],
    }, [{ id: "u1", email: "APPROVER@mssp.com" }], () => "approvers");
    expect(rows.approvers).toEqual([
      { objectId: "m1", displayName: "Parker Approver", email: "approver@mssp.com", principalName: "approver@mssp.com", portalUserId: "u1" },
      { objectId: "m2", displayName: null, email: null, principalName: null, portalUserId: null },
    ]);
  });
});

describe("toRows for requests", () => {
  it("maps the requestor like an assignment's target: package, tier, state and the matched staff member", () => {
    const rows = toRows({
      assignments: [],
      requests: [{ id: "r1", state: "pendingApproval", status: "PendingApproval", requestType: "userAdd", justification: "On call", createdDateTime: "2026-11-30T08:00:00Z", requestor: { objectId: "o1", displayName: "Alice", email: "ALICE@mssp.com", principalName: "alice_mssp.com#EXT#@c.onmicrosoft.com" }, accessPackage: { id: "P1", displayName: "Tier 1" } }],
      approvers: null,
    }, [{ id: "u1", email: "alice@mssp.com" }], (id) => (id === "p1" ? "tier1" : null));
    expect(rows.requests[0]).toEqual({
      graphId: "r1", accessPackageId: "p1", accessPackageName: "Tier 1", tier: "tier1", state: "pendingApproval", status: "PendingApproval", portalUserId: "u1",
      requestType: "userAdd", justification: "On call", requestorObjectId: "o1", requestorName: "Alice", requestorEmail: "ALICE@mssp.com",
      requestorPrincipal: "alice_mssp.com#EXT#@c.onmicrosoft.com", requestedAt: new Date("2026-11-30T08:00:00Z"), completedAt: null,
    });
  });
});
