/**
 * Offboarding's pure part: which removals, in which order. Graph refuses to delete an object
 * that others still use (a package with assignments, a role still assigned, a catalog with
 * packages), so removal runs the provisioning order backwards. No I/O here.
 */

export type RemovalKind =
  | "assignments"
  | "assignmentPolicy"
  | "resourceRoleScope"
  | "accessPackage"
  | "catalogResource"
  | "catalog"
  | "connectedOrganization"
  | "defenderRoleAssignment"
  | "defenderRole"
  | "group";

/** Reverse dependency order (issue 11): each tier waits for every earlier tier. */
export const REMOVAL_ORDER: RemovalKind[] = [
  "assignments",
  "assignmentPolicy",
  "resourceRoleScope",
  "accessPackage",
  "catalogResource",
  "catalog",
  "connectedOrganization",
  "defenderRoleAssignment",
  "defenderRole",
  "group",
];

export interface RecordedTenantObject {
  key: string;
  kind: string;
  graphId: string;
  displayName: string;
  adopted: boolean;
}

export interface Removal {
  /** the TenantObject key; "assignments:<package key>" for a package's assignments */
  key: string;
  kind: RemovalKind;
  graphId: string;
  displayName: string;
  title: string;
  /** Graph ids of the objects this removal addresses through (package of a scope, catalog of a resource) */
  parents: { packageId?: string; catalogId?: string; groupId?: string };
}

export interface RemovalPlan {
  removals: Removal[];
  /** adopted objects: they existed before Gatehouse, so offboarding leaves them */
  leftInPlace: RecordedTenantObject[];
  /** records of a kind offboarding does not know (never expected; reported, not touched) */
  unknown: RecordedTenantObject[];
}

const TITLES: Record<RemovalKind, string> = {
  assignments: "End the active assignments of",
  assignmentPolicy: "Delete assignment policy",
  resourceRoleScope: "Take the group role out of",
  accessPackage: "Delete access package",
  catalogResource: "Remove from the catalog group",
  catalog: "Delete catalog",
  connectedOrganization: "Delete connected organization",
  defenderRoleAssignment: "Delete Defender role assignment",
  defenderRole: "Delete Defender role",
  group: "Delete group",
};

const KINDS = new Set<string>(REMOVAL_ORDER);
const suffix = (key: string) => (key.includes(":") ? key.slice(key.indexOf(":") + 1) : key);

export function planRemoval(records: RecordedTenantObject[]): RemovalPlan {
  const byKey = new Map(records.map((r) => [r.key, r]));
  const removals: Removal[] = [];
  const leftInPlace: RecordedTenantObject[] = [];
  const unknown: RecordedTenantObject[] = [];
  const catalogId = byKey.get("catalog")?.graphId;
  for (const record of records) {
    if (!KINDS.has(record.kind) || record.kind === "assignments") {
      unknown.push(record);
      continue;
    }
    if (record.adopted) {
      leftInPlace.push(record);
      continue;
    }
    const kind = record.kind as RemovalKind;
    const k = suffix(record.key);
    const parents: Removal["parents"] = {};
    if (kind === "resourceRoleScope") parents.packageId = byKey.get(`accessPackage:${k}`)?.graphId;
    if (kind === "catalogResource") {
      parents.catalogId = catalogId;
      parents.groupId = byKey.get(`group:${k}`)?.graphId;
    }
    removals.push({ key: record.key, kind, graphId: record.graphId, displayName: record.displayName, title: `${TITLES[kind]} ${record.displayName}`, parents });
    // A package Gatehouse made may carry assignments people requested: they end first.
    if (kind === "accessPackage") {
      removals.push({ key: `assignments:${k}`, kind: "assignments", graphId: record.graphId, displayName: record.displayName, title: `${TITLES.assignments} ${record.displayName}`, parents: { packageId: record.graphId } });
    }
  }
  removals.sort((a, b) => REMOVAL_ORDER.indexOf(a.kind) - REMOVAL_ORDER.indexOf(b.kind) || a.key.localeCompare(b.key));
  return { removals, leftInPlace, unknown };
}

/** Removals grouped in order, one tier per kind: a tier runs at once, tiers one after another. */
export function tiers(removals: Removal[]): Removal[][] {
  return REMOVAL_ORDER.map((kind) => removals.filter((r) => r.kind === kind)).filter((tier) => tier.length > 0);
}
