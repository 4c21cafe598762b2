/**
 * The licences (SKUs) a seed may give a tenant, with the ids Microsoft publishes in its
 * "Product names and service plan identifiers for licensing" reference. Only the service
 * plans that matter to Gatehouse are listed per SKU (real SKUs carry dozens more).
 * Pure data plus the lookups Graph's answers are built from.
 */

/**
 * `service` is what `organization.assignedPlans` names the plan's workload. The Entra ID
 * plans (P1, P2, ID Governance) all report `AADPremiumService` (as tenants show it; third-party
 * scripts rely on it), so only `servicePlanId` tells P1 from P2.
 */
export interface ServicePlan { servicePlanId: string; servicePlanName: string; service: string }
export interface SkuDefinition { skuId: string; skuPartNumber: string; displayName: string; servicePlans: ServicePlan[] }

const PLAN = {
  AAD_PREMIUM: { servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", servicePlanName: "AAD_PREMIUM", service: "AADPremiumService" },
  AAD_PREMIUM_P2: { servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998", servicePlanName: "AAD_PREMIUM_P2", service: "AADPremiumService" },
  Entra_Identity_Governance: { servicePlanId: "e866a266-3cff-43a3-acca-0c90a7e00c8b", servicePlanName: "Entra_Identity_Governance", service: "AADPremiumService" },
  EXCHANGE_S_ENTERPRISE: { servicePlanId: "efb87545-963c-4e0d-99df-69c6916d9eb0", servicePlanName: "EXCHANGE_S_ENTERPRISE", service: "exchange" },
  SHAREPOINTENTERPRISE: { servicePlanId: "5dbe027f-2339-4123-9542-606e4d348a72", servicePlanName: "SHAREPOINTENTERPRISE", service: "SharePoint" },
} satisfies Record<string, ServicePlan>;

export const SKUS: SkuDefinition[] = [
  { skuId: "078d2b04-f1bd-4111-bbd4-b4b1b354cef4", skuPartNumber: "AAD_PREMIUM", displayName: "Microsoft Entra ID P1", servicePlans: [PLAN.AAD_PREMIUM] },
  { skuId: "84a661c4-e949-4bd2-a560-ed7766fcaf2b", skuPartNumber: "AAD_PREMIUM_P2", displayName: "Microsoft Entra ID P2", servicePlans: [PLAN.AAD_PREMIUM, PLAN.AAD_PREMIUM_P2] },
  { skuId: "cf6b0d46-4093-4546-a0ab-0b1546dcc10e", skuPartNumber: "Microsoft_Entra_ID_Governance", displayName: "Microsoft Entra ID Governance", servicePlans: [PLAN.Entra_Identity_Governance] },
  { skuId: "06ebc4ee-1bb5-47dd-8120-11324bc54e06", skuPartNumber: "SPE_E5", displayName: "Microsoft 365 E5", servicePlans: [PLAN.AAD_PREMIUM, PLAN.AAD_PREMIUM_P2, PLAN.EXCHANGE_S_ENTERPRISE, PLAN.SHAREPOINTENTERPRISE] },
  { skuId: "05e9a617-0261-4cee-bb44-138d3ef5d965", skuPartNumber: "SPE_E3", displayName: "Microsoft 365 E3", servicePlans: [PLAN.AAD_PREMIUM, PLAN.EXCHANGE_S_ENTERPRISE, PLAN.SHAREPOINTENTERPRISE] },
  { skuId: "6fd2c87f-b296-42f0-b197-1e91e994b900", skuPartNumber: "ENTERPRISEPACK", displayName: "Office 365 E3", servicePlans: [PLAN.EXCHANGE_S_ENTERPRISE, PLAN.SHAREPOINTENTERPRISE] },
];

/** Entitlement management (and so access packages for external users) needs one of these plans. */
export const GOVERNANCE_PLANS = new Set([PLAN.AAD_PREMIUM_P2.servicePlanName, PLAN.Entra_Identity_Governance.servicePlanName]);

export function findSku(partNumber: string): SkuDefinition | undefined {
  return SKUS.find((sku) => sku.skuPartNumber.toLowerCase() === partNumber.toLowerCase());
}

/** Does a tenant with these SKU part numbers hold Entra ID P2 or ID Governance? */
export function hasGovernanceLicence(partNumbers: string[]): boolean {
  return partNumbers.some((p) => findSku(p)?.servicePlans.some((plan) => GOVERNANCE_PLANS.has(plan.servicePlanName)) ?? false);
}

export interface AssignedPlan { assignedDateTime: string; capabilityStatus: "Enabled"; service: string; servicePlanId: string }

/**
 * `organization.assignedPlans`: every service plan of the tenant's licences, once each (a plan
 * two SKUs share, such as AAD_PREMIUM in P2 and E5, is one entry). Seed licences are always
 * paid up, so every plan is `Enabled`; `since` is when they were assigned.
 */
export function assignedPlansOf(partNumbers: string[], since: string): AssignedPlan[] {
  const plans = new Map<string, AssignedPlan>();
  for (const plan of partNumbers.flatMap((p) => findSku(p)?.servicePlans ?? [])) {
    plans.set(plan.servicePlanId, { assignedDateTime: since, capabilityStatus: "Enabled", service: plan.service, servicePlanId: plan.servicePlanId });
  }
  return [...plans.values()];
}
