/**
 * Refusals that depend on the tenant, not on the caller's permissions: what the tenant has
 * bought (entitlement management needs Entra ID P2 or ID Governance) and what it has
 * switched on (Defender XDR Unified RBAC). Pure; the pipeline throws what this returns.
 */
import type { TenantRecord } from "../store/world.ts";
import { hasGovernanceLicence } from "../store/licenses.ts";
import { GraphError } from "./errors.ts";

const EM_PREFIX = "/identitygovernance/entitlementmanagement/";
const DEFENDER_PREFIX = "/rolemanagement/defender";
const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export function tenantGate(method: string, path: string, tenant: TenantRecord): GraphError | undefined {
  const lower = path.toLowerCase();
  // Graph's answer to an unlicensed tenant, as seen on entitlement-management calls in the field.
  if (lower.startsWith(EM_PREFIX) && WRITES.has(method.toUpperCase()) && !hasGovernanceLicence(tenant.licenses)) {
    return new GraphError(403, "NoLicense", "User is not authorized to perform the operation. Reason: Tenant does not meet license requirement!");
  }
  // Approximation (no documented error exists): a tenant that never activated Unified RBAC
  // gets a 403 naming the cause on every Defender RBAC call, reads included.
  if ((lower === DEFENDER_PREFIX || lower.startsWith(`${DEFENDER_PREFIX}/`)) && !tenant.defenderUnifiedRbac) {
    return new GraphError(
      403,
      "Forbidden",
      "Microsoft Defender XDR Unified RBAC is not activated in this tenant. Activate it in the Microsoft Defender portal (Settings > Microsoft Defender XDR > Permissions and roles) before managing roles through this API.",
    );
  }
  return undefined;
}
