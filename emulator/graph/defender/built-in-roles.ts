/** Built-in-looking Defender roles every tenant starts with; they are read-only. */
import type { TenantState } from "../state/tenant-state.ts";
import { stableId, XDR_NAMESPACE } from "./actions.ts";

const BUILT_IN: { displayName: string; description: string; actions: string[] }[] = [
  { displayName: "Security Reader (built-in)", description: "Read security data and settings.", actions: ["secops/securitydata/read", "configuration/security/read", "configuration/system/read"] },
  { displayName: "Security Operator (built-in)", description: "Investigate and respond to alerts.", actions: ["secops/securitydata/read", "secops/securitydata/alerts/manage", "secops/securitydata/response/manage"] },
  { displayName: "Security Administrator (built-in)", description: "Full access to security operations and settings.", actions: ["secops/*", "configuration/*"] },
];

export function seedDefenderRoles(state: TenantState): void {
  for (const role of BUILT_IN) {
    const id = stableId("defender-role", state.tenantId, role.displayName);
    state.defenderRoles.set(id, {
      id,
      displayName: role.displayName,
      description: role.description,
      isBuiltIn: true,
      isEnabled: true,
      rolePermissions: [{ allowedResourceActions: role.actions.map((a) => `${XDR_NAMESPACE}/${a}`), condition: null, excludedResourceActions: [] }],
      templateId: id,
      version: "1",
    });
  }
}
