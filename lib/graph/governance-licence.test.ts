import { describe, expect, it } from "vitest";
import { governanceLicence, type AssignedPlan } from "./governance-licence";

const P1 = "41781fb2-bc02-4b7c-bd55-b576c07bb09d";
const P2 = "eec0eb4f-6444-4f95-aba0-50c24d67f998";
const GOVERNANCE = "e866a266-3cff-43a3-acca-0c90a7e00c8b";
const plan = (servicePlanId: string, capabilityStatus = "Enabled", service = "AADPremiumService"): AssignedPlan =>
  ({ servicePlanId, capabilityStatus, service, assignedDateTime: "2024-01-15T09:00:00Z" });

describe("governanceLicence", () => {
  it.each([
    ["Entra ID P2", [plan(P1), plan(P2)], true],
    ["Entra ID Governance alone", [plan(GOVERNANCE)], true],
    ["an upper-case id", [plan(P2.toUpperCase())], true],
    ["P2 in its grace period (Warning)", [plan(P2, "Warning")], true],
    ["P1 only: same service, no entitlement management", [plan(P1)], false],
    ["P2 suspended", [plan(P2, "Suspended")], false],
    ["P2 deleted, Governance locked out", [plan(P2, "Deleted"), plan(GOVERNANCE, "LockedOut")], false],
    ["no plans at all", [], false],
  ])("%s → %s", (_label, plans, ok) => {
    expect(governanceLicence(plans).ok).toBe(ok);
  });

  it("names what the tenant holds for the refusal: known plans by name, others by service, once each", () => {
    const result = governanceLicence([plan(P1), plan("efb87545-963c-4e0d-99df-69c6916d9eb0", "Enabled", "exchange"), plan("9aaf7827-d63c-4b61-89c3-182f06f82e5c", "Enabled", "exchange"), plan(P2, "Suspended"), { servicePlanId: null, capabilityStatus: "Enabled", service: null }]);
    expect(result).toEqual({ ok: false, plans: ["Microsoft Entra ID P1", "exchange"] });
  });
});
