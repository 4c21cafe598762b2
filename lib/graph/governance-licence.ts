import "server-only";

/**
 * The licence pre-flight: does the tenant hold Microsoft Entra ID P2 or Entra ID Governance,
 * which entitlement management needs (GRAPH-API §3, "Licensing")? Read from
 * `GET /organization?$select=id,assignedPlans` (Organization.Read.All, which Gatehouse already
 * asks for to prove the consent's tenant). Pure.
 */

/** `organization.assignedPlans` item (v1.0 `assignedPlan`). */
export interface AssignedPlan {
  servicePlanId?: string | null;
  service?: string | null;
  capabilityStatus?: string | null;
  assignedDateTime?: string | null;
}

/**
 * The service plans that switch entitlement management on, by Microsoft's published ids
 * ("Product names and service plan identifiers for licensing"): AAD_PREMIUM_P2 comes with
 * Entra ID P2 and the suites that include it (Microsoft 365 E5, EMS E5…), Entra_Identity_Governance
 * with Entra ID Governance and Entra Suite. Only the id decides: the Entra ID P1 plan
 * (41781fb2-…) reports the same `service`, "AADPremiumService", as P2 and Governance, and P1
 * has no entitlement management.
 */
export const GOVERNANCE_SERVICE_PLANS: ReadonlyMap<string, string> = new Map([
  ["eec0eb4f-6444-4f95-aba0-50c24d67f998", "Microsoft Entra ID P2"],
  ["e866a266-3cff-43a3-acca-0c90a7e00c8b", "Microsoft Entra ID Governance"],
]);

/** Named in the refusal so an admin sees P1 is not enough. */
const OTHER_NAMED_PLANS: ReadonlyMap<string, string> = new Map([["41781fb2-bc02-4b7c-bd55-b576c07bb09d", "Microsoft Entra ID P1"]]);

/**
 * A plan works while `Enabled`, and while `Warning` (the subscription lapsed but is in its
 * grace period). `Suspended`, `LockedOut` and `Deleted` plans no longer work.
 */
const WORKING = new Set(["enabled", "warning"]);

export interface LicenceCheck {
  ok: boolean;
  /** what the tenant holds, for the refusal: known plans by name, others by their service */
  plans: string[];
}

export function governanceLicence(assignedPlans: readonly AssignedPlan[]): LicenceCheck {
  const working = assignedPlans.filter((p) => WORKING.has((p.capabilityStatus ?? "").toLowerCase()));
  const ids = working.map((p) => (p.servicePlanId ?? "").toLowerCase());
  const names = working.map((p, i) => GOVERNANCE_SERVICE_PLANS.get(ids[i]!) ?? OTHER_NAMED_PLANS.get(ids[i]!) ?? p.service ?? "");
  return {
    ok: ids.some((id) => GOVERNANCE_SERVICE_PLANS.has(id)),
    plans: [...new Set(names.filter((n) => n !== ""))],
  };
}
