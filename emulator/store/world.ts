import { EventEmitter } from "node:events";
import type { Seed, SeedTenant } from "./seed.ts";
import { newGuid, stableGuid } from "./ids.ts";
import { CONSENT_ADMIN_ROLES, DIRECTORY_ROLE_TEMPLATE_IDS, MEMBER_USER_TEMPLATE_ID, type ApplicationRecord, type ServicePrincipalRecord, type TenantRecord, type UserRecord } from "./records.ts";

export type { ApplicationRecord, ServicePrincipalRecord, TenantRecord, UserRecord } from "./records.ts";
export { CONSENT_ADMIN_ROLES } from "./records.ts";

type WorldEvent = "reset" | "clock";

/**
 * The whole simulated Microsoft cloud: tenants, users, app registrations, consents and
 * the clock. Graph keeps its own objects (groups, catalogs…) and listens to "reset".
 */
export class World {
  tenants = new Map<string, TenantRecord>();
  applications = new Map<string, ApplicationRecord>();
  /** key: `${tenantId}|${appId}` */
  servicePrincipals = new Map<string, ServicePrincipalRecord>();

  private readonly seed: Seed;
  private readonly domainIndex = new Map<string, string>();
  private clockOffsetMs = 0;
  private readonly events = new EventEmitter();
  /** emulator-wide replication lag; a tenant's own value (seed or control API) wins */
  private defaultReplicationLagMs: number;
  /** grants whose already-issued app tokens Graph must refuse (see revokeConsent) */
  private readonly revokedGrants = new Set<string>();

  constructor(seed: Seed, options: { replicationLagMs?: number } = {}) {
    // A private copy: reset() must return to the seed even if a caller mutates theirs.
    this.seed = structuredClone(seed);
    this.defaultReplicationLagMs = options.replicationLagMs ?? 0;
    this.events.setMaxListeners(100);
    this.load();
  }

  findTenant(idOrDomain: string): TenantRecord | undefined {
    const key = idOrDomain.trim().toLowerCase();
    const byId = this.tenants.get(key);
    if (byId) return byId;
    const id = this.domainIndex.get(key);
    return id ? this.tenants.get(id) : undefined;
  }

  findUserByUpn(upn: string): { tenant: TenantRecord; user: UserRecord } | undefined {
    const wanted = upn.trim().toLowerCase();
    for (const tenant of this.tenants.values()) {
      for (const user of tenant.users.values()) {
        if (user.userPrincipalName.toLowerCase() === wanted) return { tenant, user };
      }
    }
    return undefined;
  }

  findUserById(userId: string): { tenant: TenantRecord; user: UserRecord } | undefined {
    const wanted = userId.toLowerCase();
    for (const tenant of this.tenants.values()) {
      const user = tenant.users.get(wanted);
      if (user) return { tenant, user };
    }
    return undefined;
  }

  /** The account a person uses in `tenantId`: the member itself, or their guest there. */
  accountInTenant(home: UserRecord, tenantId: string): UserRecord | undefined {
    const tenant = this.tenants.get(tenantId.toLowerCase());
    if (!tenant) return undefined;
    if (home.tenantId === tenant.id) return home;
    for (const user of tenant.users.values()) {
      if (user.userType === "Guest" && user.homeUserId === home.id) return user;
    }
    return undefined;
  }

  addGuestUser(resourceTenantId: string, home: { tenantId: string; userId: string }): UserRecord {
    const tenant = this.tenants.get(resourceTenantId.toLowerCase());
    if (!tenant) throw new Error(`Unknown tenant ${resourceTenantId}`);
    const homeTenant = this.tenants.get(home.tenantId.toLowerCase());
    const homeUser = homeTenant?.users.get(home.userId.toLowerCase());
    if (!homeTenant || !homeUser) throw new Error(`Unknown home user ${home.userId} in tenant ${home.tenantId}`);
    if (homeTenant.id === tenant.id) return homeUser;
    const existing = this.accountInTenant(homeUser, tenant.id);
    if (existing) return existing;
    const initialDomain = tenant.domains[0] ?? `${tenant.id}.onmicrosoft.com`;
    const guest: UserRecord = {
      id: stableGuid("guest", tenant.id, homeUser.id),
      tenantId: tenant.id,
      userPrincipalName: `${homeUser.userPrincipalName.replace("@", "_")}#EXT#@${initialDomain}`,
      displayName: homeUser.displayName,
      mail: homeUser.mail ?? homeUser.userPrincipalName,
      // Guests authenticate at home; the resource tenant holds no password for them.
      password: null,
      directoryRoles: [],
      appRoles: [],
      accountEnabled: true,
      userType: "Guest",
      homeTenantId: homeTenant.id,
      homeUserId: homeUser.id,
    };
    tenant.users.set(guest.id, guest);
    return guest;
  }

  /** A member or guest by object id or UPN, in any tenant. */
  findUser(idOrUpn: string): { tenant: TenantRecord; user: UserRecord } | undefined {
    return this.findUserById(idOrUpn) ?? this.findUserByUpn(idOrUpn);
  }

  /** Whether Entra lets this account sign in: a guest also needs its home account enabled. */
  canSignIn(user: UserRecord): boolean {
    if (!user.accountEnabled) return false;
    if (user.userType !== "Guest" || !user.homeUserId) return true;
    return this.findUserById(user.homeUserId)?.user.accountEnabled ?? false;
  }

  removeUser(tenantId: string, userId: string): boolean {
    return this.tenants.get(tenantId.toLowerCase())?.users.delete(userId.toLowerCase()) ?? false;
  }

  /** The `wids` claim: the user's directory role templates, members also holding "User". */
  directoryRoleTemplateIds(user: UserRecord): string[] {
    const roles = user.directoryRoles.flatMap((role) => {
      const id = DIRECTORY_ROLE_TEMPLATE_IDS[role];
      return id ? [id] : [];
    });
    return user.userType === "Member" ? [...roles, MEMBER_USER_TEMPLATE_ID] : roles;
  }

  isConsentAdmin(user: UserRecord): boolean {
    return user.directoryRoles.some((role) => (CONSENT_ADMIN_ROLES as readonly string[]).includes(role));
  }

  findApplication(appId: string): ApplicationRecord | undefined {
    return this.applications.get(appId.trim().toLowerCase());
  }

  servicePrincipalId(tenantId: string, appId: string): string {
    return stableGuid("servicePrincipal", tenantId.toLowerCase(), appId.toLowerCase());
  }

  findServicePrincipal(tenantId: string, appId: string): ServicePrincipalRecord | undefined {
    return this.servicePrincipals.get(spKey(tenantId, appId));
  }

  hasConsent(tenantId: string, appId: string): boolean {
    return this.servicePrincipals.has(spKey(tenantId, appId));
  }

  grantConsent(tenantId: string, appId: string): void {
    const tenant = this.tenants.get(tenantId.toLowerCase());
    const app = this.findApplication(appId);
    if (!tenant) throw new Error(`Unknown tenant ${tenantId}`);
    if (!app) throw new Error(`Unknown application ${appId}`);
    const existing = this.servicePrincipals.get(spKey(tenant.id, app.appId));
    // Re-consent refreshes the grant to what the app asks for today, as Entra does.
    this.servicePrincipals.set(spKey(tenant.id, app.appId), {
      id: this.servicePrincipalId(tenant.id, app.appId),
      appId: app.appId,
      tenantId: tenant.id,
      grantedAppPermissions: [...app.requiredAppPermissions],
      createdDateTime: existing?.createdDateTime ?? this.now().toISOString(),
      grantId: existing?.grantId ?? newGuid(),
    });
  }

  /**
   * Deletes the app's service principal in the tenant (an admin removed the enterprise app):
   * new client-credentials tokens fail with AADSTS7000229. Tokens already issued keep working
   * until they expire, as with real Graph, unless `revokeIssuedTokens` asks Graph to refuse
   * them at once (an approximation for tests that cannot wait an hour).
   */
  revokeConsent(tenantId: string, appId: string, options: { revokeIssuedTokens?: boolean } = {}): boolean {
    const key = spKey(tenantId, appId);
    const sp = this.servicePrincipals.get(key);
    if (!sp) return false;
    if (options.revokeIssuedTokens) this.revokedGrants.add(sp.grantId);
    this.servicePrincipals.delete(key);
    return true;
  }

  isGrantRevoked(grantId: string): boolean {
    return this.revokedGrants.has(grantId);
  }

  replicationLagMs(tenantId: string): number {
    return this.tenants.get(tenantId.toLowerCase())?.replicationLagMs ?? this.defaultReplicationLagMs;
  }

  defaultReplicationLag(): number {
    return this.defaultReplicationLagMs;
  }

  setDefaultReplicationLag(ms: number): void {
    this.defaultReplicationLagMs = ms;
  }

  consentedPermissions(tenantId: string, appId: string): string[] {
    return [...(this.servicePrincipals.get(spKey(tenantId, appId))?.grantedAppPermissions ?? [])];
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** How far the World clock runs ahead of real time, in ms. */
  clockOffset(): number {
    return this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("The clock only moves forward (ms must be >= 0)");
    this.clockOffsetMs += ms;
    this.events.emit("clock");
  }

  reset(): void {
    this.revokedGrants.clear();
    this.load();
    this.clockOffsetMs = 0;
    this.events.emit("reset");
  }

  on(event: WorldEvent, listener: () => void): void {
    this.events.on(event, listener);
  }

  off(event: WorldEvent, listener: () => void): void {
    this.events.off(event, listener);
  }

  /**
   * A tenant that joins the cloud after start (tests give each case its own tenant and domains).
   * Ids and domains stay unique across the cloud, as in Entra; reset() drops it again.
   */
  addTenant(tenant: SeedTenant): TenantRecord {
    const id = tenant.id.toLowerCase();
    if (this.tenants.has(id)) throw new Error(`Tenant ${tenant.id} already exists`);
    const taken = tenant.domains.find((d) => this.domainIndex.has(d.toLowerCase()));
    if (taken) throw new Error(`Domain ${taken} is already verified by another tenant`);
    const upnTaken = tenant.users.find((u) => this.findUserByUpn(u.userPrincipalName));
    if (upnTaken) throw new Error(`User ${upnTaken.userPrincipalName} already exists`);
    return this.addTenantRecord(tenant);
  }

  private addTenantRecord(t: SeedTenant): TenantRecord {
    const id = t.id.toLowerCase();
    const users = new Map<string, UserRecord>();
    for (const u of t.users) {
      users.set(u.id.toLowerCase(), {
        id: u.id.toLowerCase(),
        tenantId: id,
        userPrincipalName: u.userPrincipalName,
        displayName: u.displayName,
        mail: u.mail === undefined ? u.userPrincipalName : u.mail,
        password: u.password ?? null,
        directoryRoles: [...u.directoryRoles],
        appRoles: [...u.appRoles],
        accountEnabled: u.accountEnabled,
        userType: "Member",
      });
    }
    const record: TenantRecord = {
      id, displayName: t.displayName, domains: [...t.domains], licenses: [...t.licenses], defenderUnifiedRbac: t.defenderUnifiedRbac,
      ...(t.replicationLagMs !== undefined ? { replicationLagMs: t.replicationLagMs } : {}), users,
    };
    this.tenants.set(id, record);
    for (const d of t.domains) this.domainIndex.set(d.toLowerCase(), id);
    return record;
  }

  private load(): void {
    this.tenants.clear();
    this.applications.clear();
    this.servicePrincipals.clear();
    this.domainIndex.clear();
    for (const t of this.seed.tenants) this.addTenantRecord(t);
    for (const a of this.seed.applications) {
      const appId = a.appId.toLowerCase();
      this.applications.set(appId, {
        appId,
        displayName: a.displayName,
        homeTenantId: a.homeTenantId.toLowerCase(),
        secret: a.secret,
        redirectUris: [...a.redirectUris],
        requiredAppPermissions: [...a.requiredAppPermissions],
        appRoles: [...a.appRoles],
        groupMembershipClaims: a.groupMembershipClaims,
      });
    }
    for (const c of this.seed.consents) this.grantConsent(c.tenantId, c.appId);
  }
}

function spKey(tenantId: string, appId: string): string {
  return `${tenantId.toLowerCase()}|${appId.toLowerCase()}`;
}
