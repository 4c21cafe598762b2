/** Stable step keys: one per blueprint object, shared by ProvisioningStep and TenantObject. */
export const stepKey = {
  group: (key: string) => `group:${key}`,
  connectedOrganization: () => "connectedOrganization",
  catalog: () => "catalog",
  catalogResource: (groupKey: string) => `catalogResource:${groupKey}`,
  accessPackage: (key: string) => `accessPackage:${key}`,
  resourceRoleScope: (packageKey: string) => `roleScope:${packageKey}`,
  assignmentPolicy: (packageKey: string) => `policy:${packageKey}`,
  defenderRole: (key: string) => `defenderRole:${key}`,
  defenderRoleAssignment: (key: string) => `defenderAssignment:${key}`,
};

/** The blueprint key inside a step key ("group:tier1" → "tier1"). */
export function blueprintKeyOf(key: string): string {
  const i = key.indexOf(":");
  return i === -1 ? key : key.slice(i + 1);
}
