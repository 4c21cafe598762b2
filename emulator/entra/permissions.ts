/** Admin-consent descriptions of the Graph application permissions Gatehouse asks for. */
const DESCRIPTIONS: Record<string, { title: string; description: string }> = {
  "EntitlementManagement.ReadWrite.All": {
    title: "Read and write all entitlement management resources",
    description: "Allows the app to read and write access packages, catalogs, policies, connected organizations and assignments without a signed-in user.",
  },
  "Group.ReadWrite.All": {
    title: "Read and write all groups",
    description: "Allows the app to create groups, read all group properties and memberships, update group properties and memberships, and delete groups, without a signed-in user.",
  },
  "Group.Read.All": {
    title: "Read all groups",
    description: "Allows the app to read group properties and memberships without a signed-in user.",
  },
  "Group.Create": {
    title: "Create groups",
    description: "Allows the app to create groups without a signed-in user.",
  },
  "GroupMember.ReadWrite.All": {
    title: "Read and write all group memberships",
    description: "Allows the app to list groups, read basic properties, read and update the membership of the groups this app has access to without a signed-in user.",
  },
  "CrossTenantInformation.ReadBasic.All": {
    title: "Read cross-tenant basic information",
    description: "Allows the app to look up another tenant's basic information (tenant id, display name, default domain) by its domain name, without a signed-in user.",
  },
  "RoleManagement.ReadWrite.Defender": {
    title: "Read and write Microsoft Defender role-based access control",
    description: "Allows the app to read and manage Microsoft Defender XDR Unified RBAC roles and role assignments without a signed-in user.",
  },
  "RoleManagement.Read.Defender": {
    title: "Read Microsoft Defender role-based access control",
    description: "Allows the app to read Microsoft Defender XDR Unified RBAC roles and role assignments without a signed-in user.",
  },
  "Organization.Read.All": {
    title: "Read organization information",
    description: "Allows the app to read the organization and related resources (such as verified domains) without a signed-in user.",
  },
  "User.Read.All": {
    title: "Read all users' full profiles",
    description: "Allows the app to read user profiles without a signed-in user.",
  },
};

export function describePermission(name: string): { name: string; title: string; description: string } {
  const known = DESCRIPTIONS[name];
  return { name, title: known?.title ?? name, description: known?.description ?? `Microsoft Graph application permission ${name}.` };
}
