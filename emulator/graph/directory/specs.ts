/** How users, groups and mixed directory objects are rendered and navigated. */
import type { TenantRecord, UserRecord } from "../../store/world.ts";
import type { EntitySpec, Json } from "../odata/shape.ts";
import type { TenantState } from "../state/tenant-state.ts";
import type { GroupRecord } from "../state/records.ts";

const USER_DEFAULT = ["id", "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"];

export function userJson(user: UserRecord): Json {
  const [givenName, ...rest] = user.displayName.split(" ");
  return {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: givenName ?? null,
    jobTitle: null,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: rest.length ? rest.join(" ") : null,
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
    userType: user.userType,
    creationType: user.userType === "Guest" ? "Invitation" : null,
    externalUserState: user.userType === "Guest" ? "Accepted" : null,
    mailNickname: user.userPrincipalName.split("@")[0] ?? null,
    otherMails: user.userType === "Guest" && user.mail ? [user.mail] : [],
  };
}

export function groupJson(group: GroupRecord): Json {
  return {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: group.createdDateTime,
    description: group.description,
    displayName: group.displayName,
    expirationDateTime: null,
    groupTypes: [...group.groupTypes],
    isAssignableToRole: group.isAssignableToRole,
    mail: group.mailEnabled ? `${group.mailNickname}@emulator.local` : null,
    mailEnabled: group.mailEnabled,
    mailNickname: group.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: [],
    renewedDateTime: group.createdDateTime,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: group.securityEnabled,
    securityIdentifier: `S-1-12-1-${parseInt(group.id.slice(0, 8), 16)}-${parseInt(group.id.slice(9, 13), 16)}`,
    theme: null,
    visibility: group.visibility,
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
  };
}

export const userSpec: EntitySpec<UserRecord> = { typeName: "user", flavour: "directory", toJson: userJson, defaultSelect: USER_DEFAULT };

/** A directory object is a user or a group of the tenant; anything else is not there. */
export type DirectoryObject = { kind: "user"; user: UserRecord } | { kind: "group"; group: GroupRecord };

export function findDirectoryObject(tenant: TenantRecord, state: TenantState, id: string): DirectoryObject | undefined {
  const key = id.toLowerCase();
  const user = tenant.users.get(key);
  if (user) return { kind: "user", user };
  const group = state.groups.get(key);
  return group ? { kind: "group", group } : undefined;
}

export const directoryObjectSpec: EntitySpec<DirectoryObject> = {
  typeName: "directoryObject",
  flavour: "directory",
  selectableTypes: ["user", "group"],
  toJson: (o) => (o.kind === "user" ? { "@odata.type": "#microsoft.graph.user", ...userJson(o.user) } : { "@odata.type": "#microsoft.graph.group", ...groupJson(o.group) }),
};

export function groupSpec(tenant: TenantRecord, state: TenantState): EntitySpec<GroupRecord> {
  const objects = (ids: Set<string>) => [...ids].map((id) => findDirectoryObject(tenant, state, id)).filter((o): o is DirectoryObject => o !== undefined);
  return {
    typeName: "group",
    flavour: "directory",
    toJson: groupJson,
    navigations: {
      members: (g) => ({ spec: directoryObjectSpec, value: objects(g.members) }),
      owners: (g) => ({ spec: directoryObjectSpec, value: objects(g.owners) }),
    },
  };
}
