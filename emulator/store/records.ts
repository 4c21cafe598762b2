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
  /** false: Entra refuses every sign-in and token redemption (AADSTS50057) */
  accountEnabled: boolean;
  /**
   * Real-time ms of the last revokeSignInSessions (refresh tokens live in real time): refresh
   * tokens issued before it are refused (AADSTS50173).
   */
  signInSessionsValidFrom?: number;
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
  /**
   * The manifest's `groupMembershipClaims`. Entra puts the user's directory roles (`wids`) in
   * the app's tokens only when it is "DirectoryRole" or "All".
   */
  groupMembershipClaims: GroupMembershipClaims;
}

export const GROUP_MEMBERSHIP_CLAIMS = ["None", "SecurityGroup", "DirectoryRole", "ApplicationGroup", "All"] as const;
export type GroupMembershipClaims = (typeof GROUP_MEMBERSHIP_CLAIMS)[number];

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

/**
 * The role template ids Entra puts in `wids` (they are the same in every tenant). Each member
 * also carries the "User" template, as in Entra's tokens.
 */
export const DIRECTORY_ROLE_TEMPLATE_IDS: Readonly<Record<string, string>> = {
  "Global Administrator": "62e90394-69f5-4237-9190-012177145e10",
  "Privileged Role Administrator": "e8611ab8-c189-46e8-94e1-60213ab1f814",
  "Cloud Application Administrator": "158c047a-c907-4556-b7ef-446551a6b5f7",
  "Application Administrator": "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  "Security Administrator": "194ae4cb-b126-40b2-bd5b-6091b380977d",
  "Security Reader": "5d6b6bb7-de71-4623-b4af-96380a352509",
  "Global Reader": "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  "User Administrator": "fe930be7-5e62-47db-91af-98c3a49a38b1",
};
export const MEMBER_USER_TEMPLATE_ID = "b79fbf4d-3ef9-4689-8143-76b194e85509";
