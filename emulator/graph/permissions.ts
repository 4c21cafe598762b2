/**
 * Permission checks per operation, from the schema subset's `x-app-permission` plus the
 * higher-privileged permissions Graph's docs list for each call (ReadWrite satisfies Read,
 * Directory.* satisfies directory reads and writes). Pure.
 */
import type { GraphPrincipal } from "../entra/tokens.ts";

/** Every inner list needs at least one granted permission ("AND of ORs"). */
export type PermissionRule = { allOf: string[][] } | { delegatedOnly: string[] } | { none: true };

const any = (...names: string[]): PermissionRule => ({ allOf: [names] });

export const PERMISSIONS = {
  groupRead: any("Group.Read.All", "Group.ReadWrite.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
  groupCreate: any("Group.Create", "Group.ReadWrite.All", "Directory.ReadWrite.All"),
  groupWrite: any("Group.ReadWrite.All", "Directory.ReadWrite.All"),
  memberWrite: any("GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"),
  userRead: any("User.Read.All", "User.ReadWrite.All", "User.ReadBasic.All", "Directory.Read.All", "Directory.ReadWrite.All"),
  organizationRead: any("Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
  crossTenantRead: any("CrossTenantInformation.ReadBasic.All"),
  emRead: any("EntitlementManagement.Read.All", "EntitlementManagement.ReadWrite.All"),
  emWrite: any("EntitlementManagement.ReadWrite.All"),
  // Adding a group to a catalog with application permissions also needs Group.ReadWrite.All.
  emAddGroup: { allOf: [["EntitlementManagement.ReadWrite.All"], ["Group.ReadWrite.All", "Directory.ReadWrite.All"]] },
  approvalRead: { delegatedOnly: ["EntitlementManagement.Read.All", "EntitlementManagement.ReadWrite.All"] },
  approvalWrite: { delegatedOnly: ["EntitlementManagement.ReadWrite.All"] },
  defenderRead: any("RoleManagement.Read.Defender", "RoleManagement.ReadWrite.Defender"),
  defenderWrite: any("RoleManagement.ReadWrite.Defender"),
  none: { none: true },
} satisfies Record<string, PermissionRule>;

export function grantedPermissions(principal: GraphPrincipal): string[] {
  return principal.idtyp === "app" ? principal.roles : (principal.scp ?? "").split(" ").filter(Boolean);
}

export type PermissionVerdict = { ok: true } | { ok: false; reason: "missing" | "appOnlyNotSupported" };

export function checkPermission(rule: PermissionRule, principal: GraphPrincipal): PermissionVerdict {
  if ("none" in rule) return { ok: true };
  const granted = new Set(grantedPermissions(principal).map((p) => p.toLowerCase()));
  const has = (names: string[]) => names.some((n) => granted.has(n.toLowerCase()));
  if ("delegatedOnly" in rule) {
    if (principal.idtyp === "app") return { ok: false, reason: "appOnlyNotSupported" };
    return has(rule.delegatedOnly) ? { ok: true } : { ok: false, reason: "missing" };
  }
  return rule.allOf.every(has) ? { ok: true } : { ok: false, reason: "missing" };
}
