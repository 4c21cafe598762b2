import type * as R from "./records.ts";
import { VisibleMap, type Visibility } from "./visible-map.ts";

const ALWAYS_VISIBLE: Visibility = { now: () => 0, lagMs: () => 0 };

/**
 * Everything Graph stores for one tenant; dropped wholesale when the World resets. The
 * objects provisioning creates live in VisibleMaps (replication lag, see visible-map.ts);
 * requests and assignments, which the life cycle creates, are visible at once.
 */
export class TenantState {
  readonly groups: VisibleMap<R.GroupRecord>;
  readonly connectedOrganizations: VisibleMap<R.ConnectedOrganizationRecord>;
  readonly catalogs: VisibleMap<R.CatalogRecord>;
  readonly resources: VisibleMap<R.ResourceRecord>;
  readonly resourceRoles: VisibleMap<R.ResourceRoleRecord>;
  readonly resourceScopes: VisibleMap<R.ResourceScopeRecord>;
  readonly resourceRequests: VisibleMap<R.ResourceRequestRecord>;
  readonly accessPackages: VisibleMap<R.AccessPackageRecord>;
  readonly roleScopes: VisibleMap<R.RoleScopeRecord>;
  readonly policies: VisibleMap<R.PolicyRecord>;
  readonly assignmentRequests = new Map<string, R.AssignmentRequestRecord>();
  readonly assignments = new Map<string, R.AssignmentRecord>();
  readonly defenderRoles: VisibleMap<R.DefenderRoleDefinitionRecord>;
  readonly defenderAssignments: VisibleMap<R.DefenderRoleAssignmentRecord>;

  constructor(readonly tenantId: string, visibility: Visibility = ALWAYS_VISIBLE) {
    const lagged = <V>() => new VisibleMap<V>(visibility);
    this.groups = lagged();
    this.connectedOrganizations = lagged();
    this.catalogs = lagged();
    this.resources = lagged();
    this.resourceRoles = lagged();
    this.resourceScopes = lagged();
    this.resourceRequests = lagged();
    this.accessPackages = lagged();
    this.roleScopes = lagged();
    this.policies = lagged();
    this.defenderRoles = lagged();
    this.defenderAssignments = lagged();
  }

  /** Stored objects per collection, including those still lagging. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof VisibleMap) out[key] = value.rawValues().length;
      else if (value instanceof Map) out[key] = value.size;
    }
    return out;
  }
}

export class GraphState {
  private readonly tenants = new Map<string, TenantState>();
  constructor(
    private readonly seedTenant: (state: TenantState) => void = () => {},
    /** the World clock and the lag of a tenant; omitted: no lag */
    private readonly lag?: { now(): number; lagMs(tenantId: string): number },
  ) {}

  tenant(tenantId: string): TenantState {
    const key = tenantId.toLowerCase();
    let state = this.tenants.get(key);
    if (!state) {
      const lag = this.lag;
      // Built-in objects (seeded below) exist from the start; only later writes lag.
      let seeded = false;
      state = new TenantState(key, lag ? { now: () => lag.now(), lagMs: () => (seeded ? lag.lagMs(key) : 0) } : ALWAYS_VISIBLE);
      this.seedTenant(state);
      seeded = true;
      this.tenants.set(key, state);
    }
    return state;
  }

  all(): TenantState[] { return [...this.tenants.values()]; }
  clear(): void { this.tenants.clear(); }
}
