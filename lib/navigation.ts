import type { Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

/** The portal's sections; each is shown only to roles holding its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "Dashboard", permission: "dashboard:read" },
  { href: "/customers", label: "Customers", permission: "customers:read" },
  { href: "/drift", label: "Drift", permission: "customers:read" },
  { href: "/approvals", label: "Approvals", permission: "approvals:read" },
  { href: "/access", label: "Access matrix", permission: "access:read-all" },
  { href: "/launchpad", label: "Launchpad", permission: "launchpad:read" },
  { href: "/me", label: "My access", permission: "access:read-own" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
  { href: "/settings", label: "Settings", permission: "settings:read" },
];

export function navigationFor(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}

/** A section is current on its own page and on every page below it (`/customers/42` → Customers). */
export function isCurrentSection(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
