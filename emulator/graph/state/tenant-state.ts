import type * as R from "./records.ts";

/** Everything Graph stores for one tenant; dropped wholesale when the World resets. */
export class TenantState {
  readonly groups = new Map<string, R.GroupRecord>();
  readonly connectedOrganizations = new Map<string, R.ConnectedOrganizationRecord>();
  readonly catalogs = new Map<string, R.CatalogRecord>();
  readonly resources = new Map<string, R.ResourceRecord>();
  readonly resourceRoles = new Map<string, R.ResourceRoleRecord>();
  readonly resourceScopes = new Map<string, R.ResourceScopeRecord>();
  readonly resourceRequests = new Map<string, R.ResourceRequestRecord>();
  readonly accessPackages = new Map<string, R.AccessPackageRecord>();
  readonly roleScopes = new Map<string, R.RoleScopeRecord>();
  readonly policies = new Map<string, R.PolicyRecord>();
  readonly assignmentRequests = new Map<string, R.AssignmentRequestRecord>();
  readonly assignments = new Map<string, R.AssignmentRecord>();
  readonly defenderRoles = new Map<string, R.DefenderRoleDefinitionRecord>();
  readonly defenderAssignments = new Map<string, R.DefenderRoleAssignmentRecord>();

  constructor(readonly tenantId: string) {}

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(this)) if (value instanceof Map) out[key] = value.size;
    return out;
  }
}

export class GraphState {
  private readonly tenants = new Map<string, TenantState>();
  constructor(private readonly seedTenant: (state: TenantState) => void = () => {}) {}

  tenant(tenantId: string): TenantState {
    const key = tenantId.toLowerCase();
    let state = this.tenants.get(key);
    if (!state) {
      state = new TenantState(key);
      this.seedTenant(state);
      this.tenants.set(key, state);
    }
    return state;
  }

  all(): TenantState[] { return [...this.tenants.values()]; }
  clear(): void { this.tenants.clear(); }
}
