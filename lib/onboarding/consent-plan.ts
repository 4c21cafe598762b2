// Pure: what Gatehouse asks for and will create in a customer tenant, as shown to the customer's
// admin before consent. Permissions follow GRAPH-API.md §8.
export interface RequestedPermission {
  name: string;
  why: string;
}

export const REQUESTED_PERMISSIONS: readonly RequestedPermission[] = [
  {
    name: "EntitlementManagement.ReadWrite.All",
    why: "Create and maintain the connected organization, the catalog, the access packages and their policies, and read who holds access.",
  },
  {
    name: "Group.ReadWrite.All",
    why: "Create the three security groups and add them to the catalog (Microsoft requires this permission for that step).",
  },
  {
    name: "GroupMember.ReadWrite.All",
    why: "Keep the membership of the Gatehouse groups correct; it touches no other group.",
  },
  {
    name: "CrossTenantInformation.ReadBasic.All",
    why: "Look up the MSSP's tenant by its domain to set up the connected organization.",
  },
  {
    name: "RoleManagement.ReadWrite.Defender",
    why: "Create the Defender XDR roles for the analyst tiers and assign them to the groups.",
  },
  {
    name: "Organization.Read.All",
    why: "Read your organization's name and verified domains, to prove the consent came from the tenant that owns your domain, and its licensed service plans, to check for the Entra ID P2 or ID Governance licence access packages need.",
  },
];

/** Permissions the consent did not grant (for example, an app registration changed since). */
export function missingPermissions(granted: readonly string[]): string[] {
  const have = new Set(granted);
  return REQUESTED_PERMISSIONS.map((p) => p.name).filter((name) => !have.has(name));
}

export interface PlannedObject {
  kind: string;
  name: string;
  purpose: string;
}

export function plannedObjects(msspName: string): PlannedObject[] {
  return [
    { kind: "Security group", name: "Tier 1 Analyst", purpose: "Members get the Tier 1 Defender role." },
    { kind: "Security group", name: "Tier 2 Analyst", purpose: "Members get the Tier 2 Defender role." },
    { kind: "Security group", name: "MSSP Analyst Approvers", purpose: "Members approve analysts' access requests." },
    {
      kind: "Defender XDR role",
      name: "MSSP Tier 1 Analyst",
      purpose: "Every security-operations action except live response and managing security settings.",
    },
    { kind: "Defender XDR role", name: "MSSP Tier 2 Analyst", purpose: "Tier 1 plus live response." },
    {
      kind: "Connected organization",
      name: msspName,
      purpose: `Lets users of ${msspName}'s own tenant request access; nobody else from outside can.`,
    },
    {
      kind: "Catalog",
      name: "MSSP Accesses",
      purpose: "Holds the three groups; visible to the connected organization so its analysts can request.",
    },
    {
      kind: "Access packages",
      name: "Tier 1 Analyst, Tier 2 Analyst, MSSP Analyst Approvers",
      purpose:
        "Each grants membership of its group. Requests need a justification and approval by MSSP Analyst Approvers; access expires after 365 days; an access review runs every year; analysts may ask for an extension.",
    },
  ];
}

export const CUSTOMER_KEEPS_CONTROL = [
  "Everything is created in your tenant and shows in the Microsoft Entra admin center and the Defender portal.",
  "No MSSP account gets standing access: each analyst must request, be approved, and loses access after a year unless renewed.",
  "You can see and remove any assignment at any time in Identity Governance → Access packages.",
  "Gatehouse stores no password or credential of your tenant.",
];

export const HOW_TO_REVOKE = [
  "Microsoft Entra admin center → Enterprise applications → Gatehouse → Properties → Delete (or Permissions → Revoke) removes Gatehouse's access at once.",
  "Deleting the catalog MSSP Accesses, its access packages and the connected organization removes all MSSP access.",
];
