/** The directory records the World holds; Graph reads them through the World. */

export interface UserRecord {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
  mail: string | null;
  password: string | null;
  directoryRoles: string[];
  appRoles: string[];
  userType: "Member" | "Guest";
  /** for guests: where they really live */
  homeTenantId?: string;
  homeUserId?: string;
}

export interface TenantRecord {
  id: string;
  displayName: string;
  /** domains[0] is the initial *.onmicrosoft.com or first listed */
  domains: string[];
  /** SKU part numbers (see licenses.ts) */
  licenses: string[];
  /** Defender XDR Unified RBAC activated (the beta roleManagement/defender API works) */
  defenderUnifiedRbac: boolean;
  /** per-tenant replication lag; undefined = the emulator-wide default */
  replicationLagMs?: number;
  users: Map<string, UserRecord>;
}

export interface ApplicationRecord {
  appId: string;
  displayName: string;
  homeTenantId: string;
  secret: string;
  redirectUris: string[];
  requiredAppPermissions: string[];
  appRoles: string[];
}

/** An enterprise application (service principal) created by admin consent. */
export interface ServicePrincipalRecord {
  id: string;
  appId: string;
  tenantId: string;
  /** application permissions granted at consent time; app-only tokens carry them as `roles` */
  grantedAppPermissions: string[];
  createdDateTime: string;
  /** one per service principal's life: app tokens carry it, so a revocation can name the tokens it kills */
  grantId: string;
}

/** Directory roles that may grant tenant-wide admin consent to application permissions. */
export const CONSENT_ADMIN_ROLES = [
  "Global Administrator",
  "Privileged Role Administrator",
  "Cloud Application Administrator",
  "Application Administrator",
] as const;
