// Typed permissions mapped from portal roles. Fails closed: an unknown role or a missing user has
// no permission at all.
import { ForbiddenError } from "@/lib/errors";

export const PORTAL_ROLES = ["admin", "approver", "analyst"] as const;
export type PortalRole = (typeof PORTAL_ROLES)[number];

export type Permission =
  | "dashboard:read"
  | "customers:read"
  | "customers:write"
  | "invites:manage"
  | "audit:read"
  | "approvals:read"
  | "access:read-all"
  | "launchpad:read"
  | "access:read-own"
  | "settings:read"
  | "blueprint:write"
  | "provisioning:apply";

const ROLE_PERMISSIONS: Record<PortalRole, readonly Permission[]> = {
  admin: [
    "dashboard:read",
    "customers:read",
    "customers:write",
    "invites:manage",
    "audit:read",
    "approvals:read",
    "access:read-all",
    "launchpad:read",
    "access:read-own",
    "settings:read",
    "blueprint:write",
    "provisioning:apply",
  ],
  approver: ["dashboard:read", "approvals:read", "access:read-all", "launchpad:read", "access:read-own"],
  // Analysts land on My access (/me); the dashboard shows everyone's access, which they do not need.
  analyst: ["launchpad:read", "access:read-own"],
};

export function isPortalRole(value: unknown): value is PortalRole {
  return typeof value === "string" && (PORTAL_ROLES as readonly string[]).includes(value);
}

export function permissionsOf(role: unknown): readonly Permission[] {
  // Object.hasOwn guards against prototype keys such as "constructor" posing as roles.
  return isPortalRole(role) && Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role] : [];
}

export function can(user: { role: unknown } | null | undefined, permission: Permission): boolean {
  return permissionsOf(user?.role).includes(permission);
}

export function requirePermission(user: { role: unknown } | null | undefined, permission: Permission): void {
  if (!can(user, permission)) throw new ForbiddenError(permission);
}
