import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSeed, parseSeed, SeedError } from "./seed.ts";

const tenant = { id: "11111111-1111-1111-1111-111111111111", displayName: "T", domains: ["t.onmicrosoft.com"] };

describe("seed", () => {
  it("loads the demo seed with the documented accounts", () => {
    const seed = loadSeed("emulator/seed/demo.json");
    const mssp = seed.tenants.find((t) => t.displayName === "Northwind Defense")!;
    expect(mssp.users.map((u) => [u.userPrincipalName, u.appRoles])).toEqual([
      ["admin@northwinddefense.com", ["Gatehouse.Admin"]],
      ["approver@northwinddefense.com", ["Gatehouse.Approver"]],
      ["alex@northwinddefense.com", ["Gatehouse.Analyst"]],
      ["bailey@northwinddefense.com", ["Gatehouse.Analyst"]],
      ["casey@northwinddefense.com", ["Gatehouse.Analyst"]],
      ["nora@northwinddefense.com", []],
    ]);
    const customers = seed.tenants.filter((t) => t !== mssp);
    expect(customers.map((t) => t.displayName)).toEqual(["Contoso", "Fabrikam", "Tailspin Toys", "Woodgrove Bank", "Litware"]);
    // Woodgrove has no Entra ID P2 / ID Governance; Litware never activated Defender Unified RBAC.
    expect(Object.fromEntries(customers.map((t) => [t.displayName, [t.licenses.join(" "), t.defenderUnifiedRbac]]))).toEqual({
      Contoso: ["AAD_PREMIUM_P2 SPE_E5", true],
      Fabrikam: ["AAD_PREMIUM_P2 SPE_E5", true],
      "Tailspin Toys": ["AAD_PREMIUM_P2 SPE_E5", true],
      "Woodgrove Bank": ["ENTERPRISEPACK", true],
      Litware: ["AAD_PREMIUM_P2 SPE_E5", false],
    });
    for (const c of customers) expect(c.users.find((u) => u.userPrincipalName.startsWith("admin@"))?.directoryRoles).toEqual(["Global Administrator"]);
    expect(seed.consents).toEqual([{ tenantId: mssp.id, appId: "a9a75384-bf7f-4dfb-b7ca-e996f77781f8" }]);
  });

  it("refuses an unknown licence and a replication lag out of range, naming the field", () => {
    expect(() => parseSeed({ tenants: [{ ...tenant, licenses: ["AAD_PREMIUM_P3"] }] })).toThrow(/tenants\[0\]\.licenses\[0\]: unknown SKU part number; known: AAD_PREMIUM, AAD_PREMIUM_P2/);
    expect(() => parseSeed({ tenants: [{ ...tenant, replicationLagMs: -1 }] })).toThrow(/tenants\[0\]\.replicationLagMs/);
    expect(parseSeed({ tenants: [tenant] }).tenants[0]).toMatchObject({ licenses: [], defenderUnifiedRbac: true });
  });

  it("names the bad field in the error", () => {
    const bad = { tenants: [{ ...tenant, users: [{ id: "not-a-guid", userPrincipalName: "a@t.onmicrosoft.com", displayName: "A" }] }] };
    expect(() => parseSeed(bad)).toThrow(/tenants\[0\]\.users\[0\]\.id: must be a GUID/);
  });

  it("rejects unknown properties, unknown references and UPNs outside the tenant's domains", () => {
    expect(() => parseSeed({ tenants: [{ ...tenant, colour: "red" }] })).toThrow(/tenants\[0\].*colour/);
    expect(() => parseSeed({ tenants: [tenant], consents: [{ tenantId: tenant.id, appId: "22222222-2222-2222-2222-222222222222" }] })).toThrow(/consents\[0\]\.appId: unknown application/);
    expect(() => parseSeed({ tenants: [{ ...tenant, users: [{ id: "33333333-3333-3333-3333-333333333333", userPrincipalName: "a@elsewhere.com", displayName: "A" }] }] })).toThrow(
      /userPrincipalName: a@elsewhere.com is not in one of the tenant's domains/,
    );
  });

  it("reports unreadable and malformed files clearly", () => {
    const dir = mkdtempSync(join(tmpdir(), "seed-"));
    writeFileSync(join(dir, "broken.json"), "{ nope");
    expect(() => loadSeed(join(dir, "missing.json"))).toThrow(SeedError);
    expect(() => loadSeed(join(dir, "broken.json"))).toThrow(/is not valid JSON/);
  });
});
