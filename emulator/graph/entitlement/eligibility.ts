/**
 * Who may request an access package under a policy, and who may approve. Pure functions
 * over the World and a tenant's Graph state.
 */
import type { TenantRecord, UserRecord, World } from "../../store/world.ts";
import type { Json, PolicyRecord } from "../state/records.ts";
import type { TenantState } from "../state/tenant-state.ts";

export type Eligibility = { ok: true; connectedOrganizationId: string | null } | { ok: false; reason: string };

const kind = (subject: Json) => String(subject["@odata.type"] ?? "").replace("#microsoft.graph.", "");

/** Connected organizations of `state` whose identity sources cover the user's home tenant. */
export function connectedOrganizationsOf(state: TenantState, home: TenantRecord, configuredOnly: boolean): string[] {
  const domains = new Set(home.domains.map((d) => d.toLowerCase()));
  return [...state.connectedOrganizations.values()]
    .filter((org) => !configuredOnly || org.state === "configured")
    .filter((org) => org.identitySources.some((source) =>
      (typeof source.tenantId === "string" && source.tenantId.toLowerCase() === home.id) ||
      (typeof source.domainName === "string" && domains.has(source.domainName.toLowerCase()))))
    .map((org) => org.id);
}

/** The ids this person has in the resource tenant: the member account, or their guest there. */
export function accountIds(world: World, person: UserRecord, tenantId: string): string[] {
  const ids = new Set<string>();
  if (person.tenantId === tenantId) ids.add(person.id);
  const guest = world.accountInTenant(person, tenantId);
  if (guest) ids.add(guest.id);
  // A guest signing in: also count their home identity's other accounts.
  if (person.homeUserId) ids.add(person.homeUserId);
  return [...ids];
}

export function inSubjectSets(state: TenantState, ids: string[], subjects: Json[]): boolean {
  return subjects.some((subject) => {
    if (kind(subject) === "singleUser") return ids.includes(String(subject.userId ?? "").toLowerCase());
    if (kind(subject) === "groupMembers") {
      const group = state.groups.get(String(subject.groupId ?? "").toLowerCase());
      return !!group && ids.some((id) => group.members.has(id));
    }
    return false;
  });
}

export function checkEligibility(args: { world: World; state: TenantState; tenant: TenantRecord; policy: PolicyRecord; catalogExternal: boolean; user: UserRecord; home: TenantRecord }): Eligibility {
  const { world, state, tenant, policy, user, home } = args;
  const settings = policy.settings;
  const requestor = (settings.requestorSettings ?? {}) as Json;
  if (requestor.enableTargetsToSelfAddAccess !== true) return { ok: false, reason: `policy '${String(settings.displayName)}' does not let users request access for themselves (requestorSettings.enableTargetsToSelfAddAccess is false)` };
  const external = home.id !== tenant.id;
  if (external && !args.catalogExternal) return { ok: false, reason: "the catalog is not externally visible (isExternallyVisible is false), so users from other organizations cannot request its packages" };
  const targets = (settings.specificAllowedTargets as Json[] | undefined) ?? [];
  const scope = String(settings.allowedTargetScope);
  const ids = accountIds(world, user, tenant.id);
  switch (scope) {
    case "specificConnectedOrganizationUsers": {
      if (!external) return { ok: false, reason: "the policy only allows users of specific connected organizations" };
      const orgs = connectedOrganizationsOf(state, home, false);
      const match = targets.find((t) => kind(t) === "connectedOrganizationMembers" && orgs.includes(String(t.connectedOrganizationId ?? "").toLowerCase()));
      return match ? { ok: true, connectedOrganizationId: String(match.connectedOrganizationId).toLowerCase() } : { ok: false, reason: `'${home.displayName}' is not one of the policy's connected organizations` };
    }
    case "allConfiguredConnectedOrganizationUsers": {
      const org = external ? connectedOrganizationsOf(state, home, true)[0] : undefined;
      return org ? { ok: true, connectedOrganizationId: org } : { ok: false, reason: `'${home.displayName}' is not a configured connected organization` };
    }
    case "allExternalUsers":
      return external ? { ok: true, connectedOrganizationId: connectedOrganizationsOf(state, home, false)[0] ?? null } : { ok: false, reason: "the policy only allows external users" };
    case "allMemberUsers":
      return !external && user.userType === "Member" ? { ok: true, connectedOrganizationId: null } : { ok: false, reason: "the policy only allows member users of the tenant" };
    case "allDirectoryUsers":
      return !external || world.accountInTenant(user, tenant.id) ? { ok: true, connectedOrganizationId: null } : { ok: false, reason: "the policy only allows users already in the directory" };
    case "specificDirectoryUsers":
      return inSubjectSets(state, ids, targets) ? { ok: true, connectedOrganizationId: null } : { ok: false, reason: "the user is not in the policy's specific allowed targets" };
    default:
      return { ok: false, reason: `the policy's allowedTargetScope '${scope}' does not allow user requests` };
  }
}
