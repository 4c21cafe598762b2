// Maps the Entra app roles in the ID token's `roles` claim to one portal role.
import type { PortalRole } from "./permissions";

export const APP_ROLE_VALUES: Record<string, PortalRole> = {
  "Gatehouse.Admin": "admin",
  "Gatehouse.Approver": "approver",
  "Gatehouse.Analyst": "analyst",
};

const PRECEDENCE: readonly PortalRole[] = ["admin", "approver", "analyst"];

/** The most privileged portal role among the claim's values, or null when none is a Gatehouse role. */
export function portalRoleFromClaim(roles: unknown): PortalRole | null {
  if (!Array.isArray(roles)) return null;
  const granted = new Set(
    roles.filter((r): r is string => typeof r === "string" && Object.hasOwn(APP_ROLE_VALUES, r)).map((r) => APP_ROLE_VALUES[r]),
  );
  return PRECEDENCE.find((role) => granted.has(role)) ?? null;
}
