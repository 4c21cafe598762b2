import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/data/audit-csv";
import { actionLabel, actionsMatching, actorLabel, detailFields, repeatCount } from "./wording";

describe("audit wording", () => {
  it("words known actions and unknown ones alike", () => {
    expect(actionLabel("invite.issued")).toBe("Consent link created");
    expect(actionLabel("auth.sign_in_refused")).toBe("Sign-in refused");
    expect(actionLabel("customer.archivedByAdmin")).toBe("Customer archived by admin");
    expect(actionsMatching("CONSENT LINK")).toEqual(["invite.issued", "invite.revoked"]);
    expect(actionsMatching("  ")).toEqual([]);
  });

  it("names actors: members by name, refused sign-ins by the name and UPN tried, customer admins by who granted", () => {
    const names = new Map([["user:1", "Alex Analyst"]]);
    expect(actorLabel("user:1", {}, names)).toBe("Alex Analyst");
    expect(actorLabel("user:2", { name: "Eve", email: "eve@evil.example" }, names)).toBe("Eve (eve@evil.example)");
    expect(actorLabel("anonymous", { upn: "x@y.example" }, names)).toBe("x@y.example");
    expect(actorLabel("user:3", {}, names)).toBe("Unknown user");
    expect(actorLabel("customer-admin", { grantedByName: "Chris Admin" }, names)).toBe("Chris Admin (customer admin)");
    expect(actorLabel("customer-admin:admin@contoso.com", {}, names)).toBe("admin@contoso.com (customer admin)");
    expect(actorLabel("customer-admin", {}, names)).toBe("Customer admin");
    // consent.signed-in records the admin the ID token proved as the details themselves.
    expect(actorLabel("customer-admin:0e2f0b6a", { tenantId: "t-1", name: "Chris Admin", upn: "chris@contoso.com" }, names)).toBe("Chris Admin (customer admin)");
    expect(actorLabel("system", {}, names)).toBe("Gatehouse");
  });

  it("renders details as labelled fields, the most telling first, times apart, empty values left out, reasons in words", () => {
    expect(detailFields({ inviteId: "i-1", expiresAt: "2026-12-15T10:00:00.000Z", revokedPrevious: 0, note: "", scopes: ["A", "B"], reason: "no-role", flag: true, unknownKey: { a: 1 }, grantedBy: { name: "Chris Admin", upn: "chris@contoso.com", objectId: "o-1" } })).toEqual([
      { key: "reason", label: "Reason", value: { kind: "text", text: "No Gatehouse role assigned" } },
      { key: "inviteId", label: "Consent link ID", value: { kind: "text", text: "i-1" } },
      { key: "expiresAt", label: "Link expires", value: { kind: "time", iso: "2026-12-15T10:00:00.000Z" } },
      { key: "revokedPrevious", label: "Earlier links revoked", value: { kind: "text", text: "0" } },
      { key: "grantedBy", label: "Granted by", value: { kind: "text", text: "Chris Admin (chris@contoso.com)" } },
      { key: "scopes", label: "Permissions", value: { kind: "list", items: ["A", "B"] } },
      { key: "flag", label: "Flag", value: { kind: "text", text: "Yes" } },
      { key: "unknownKey", label: "Unknown key", value: { kind: "text", text: "A: 1" } },
    ]);
    expect(detailFields({ reason: "denied" })[0]!.value).toEqual({ kind: "text", text: "Consent was not granted" });
    expect(detailFields(null)).toEqual([]);
    expect(repeatCount({ count: 4 })).toBe(4);
    expect(repeatCount({ count: 1 })).toBeNull();
    expect(detailFields({ count: 4 })[0]).toMatchObject({ label: "Repeated", value: { text: "4 times" } });
  });

  it("quotes CSV cells and defuses spreadsheet formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("=HYPERLINK(1)")).toBe(`"'=HYPERLINK(1)"`);
    expect(csvCell("-1")).toBe(`"'-1"`);
  });
});
