import type { TenantRecord, World } from "../store/world.ts";

/** What the first path segment (`/{tenant}/…`) names. */
export type Authority =
  | { kind: "tenant"; segment: string; tenant: TenantRecord }
  | { kind: "common"; segment: "common" }
  | { kind: "organizations"; segment: "organizations" };

/** Resolves a tenant GUID, any verified domain (case-insensitive), `common` or `organizations`. */
export function resolveAuthority(world: World, segment: string): Authority | undefined {
  const lower = segment.toLowerCase();
  if (lower === "common") return { kind: "common", segment: "common" };
  if (lower === "organizations") return { kind: "organizations", segment: "organizations" };
  const tenant = world.findTenant(segment);
  return tenant ? { kind: "tenant", segment, tenant } : undefined;
}

/** The path segment endpoints are published under: the tenant GUID, or common/organizations. */
export function authorityPathSegment(authority: Authority): string {
  return authority.kind === "tenant" ? authority.tenant.id : authority.segment;
}
