/**
 * Control calls that change a tenant's situation: replication lag, licences, Defender
 * Unified RBAC, and a revoked consent (the app's service principal deleted). Part of the
 * control API; returns undefined for paths it does not own.
 */
import { z } from "zod";
import type { World } from "../store/world.ts";
import { findSku, SKUS } from "../store/licenses.ts";
import { GraphError } from "../graph/errors.ts";
import { MAX_REPLICATION_LAG_MS } from "../store/seed.ts";

type Reply = { status: number; body?: unknown };

const lagMs = z.number().int().min(0).max(MAX_REPLICATION_LAG_MS);
const lagSchema = z.strictObject({ ms: lagMs.nullable(), tenantId: z.string().min(1).optional() });
const tenantPatchSchema = z.strictObject({
  licenses: z.array(z.string().refine((p) => !!findSku(p), { message: `unknown SKU part number; known: ${SKUS.map((s) => s.skuPartNumber).join(", ")}` })).optional(),
  defenderUnifiedRbac: z.boolean().optional(),
  replicationLagMs: lagMs.nullable().optional(),
});
const revokeSchema = z.strictObject({ appId: z.string().min(1).optional(), revokeIssuedTokens: z.boolean().optional() });

export function createTenantControls(world: World, parse: <T>(schema: z.ZodType<T>, body: unknown) => T) {
  const requireTenant = (idOrDomain: string) => {
    const tenant = world.findTenant(decodeURIComponent(idOrDomain));
    if (!tenant) throw new GraphError(404, "ResourceNotFound", `Tenant '${idOrDomain}' does not exist.`);
    return tenant;
  };
  const describeLag = () => ({
    defaultMs: world.defaultReplicationLag(),
    tenants: Object.fromEntries([...world.tenants.values()].filter((t) => t.replicationLagMs !== undefined).map((t) => [t.id, t.replicationLagMs])),
  });
  const describeTenant = (id: string) => {
    const t = requireTenant(id);
    return { tenantId: t.id, licenses: t.licenses, defenderUnifiedRbac: t.defenderUnifiedRbac, replicationLagMs: world.replicationLagMs(t.id) };
  };

  return function route(method: string, path: string, body: unknown): Reply | undefined {
    if (path === "/replication-lag") {
      if (method === "GET") return { status: 200, body: describeLag() };
      if (method === "PUT") {
        const input = parse(lagSchema, body);
        if (input.tenantId) {
          const tenant = requireTenant(input.tenantId);
          if (input.ms === null) delete tenant.replicationLagMs;
          else tenant.replicationLagMs = input.ms;
        } else {
          if (input.ms === null) throw new GraphError(400, "BadRequest", "Invalid body: ms: the emulator-wide lag needs a number (null only clears a tenant's own value).");
          world.setDefaultReplicationLag(input.ms);
        }
        return { status: 200, body: describeLag() };
      }
    }
    const tenantPath = /^\/tenants\/([^/]+)$/.exec(path);
    if (tenantPath && method === "GET") return { status: 200, body: describeTenant(tenantPath[1]!) };
    if (tenantPath && method === "PATCH") {
      const tenant = requireTenant(tenantPath[1]!);
      const input = parse(tenantPatchSchema, body);
      if (input.licenses) tenant.licenses = input.licenses.map((p) => findSku(p)!.skuPartNumber);
      if (input.defenderUnifiedRbac !== undefined) tenant.defenderUnifiedRbac = input.defenderUnifiedRbac;
      if (input.replicationLagMs === null) delete tenant.replicationLagMs;
      else if (input.replicationLagMs !== undefined) tenant.replicationLagMs = input.replicationLagMs;
      return { status: 200, body: describeTenant(tenant.id) };
    }
    const revoke = /^\/tenants\/([^/]+)\/revoke-consent$/.exec(path);
    if (revoke && method === "POST") {
      const tenant = requireTenant(revoke[1]!);
      const input = parse(revokeSchema, body);
      const appIds = input.appId ? [input.appId.toLowerCase()] : [...world.applications.keys()].filter((appId) => world.hasConsent(tenant.id, appId));
      const revoked = appIds.filter((appId) => world.revokeConsent(tenant.id, appId, { revokeIssuedTokens: input.revokeIssuedTokens ?? false }));
      if (input.appId && revoked.length === 0) throw new GraphError(404, "ResourceNotFound", `Application '${input.appId}' has no service principal in tenant ${tenant.id}.`);
      return { status: 200, body: { tenantId: tenant.id, revoked, revokeIssuedTokens: input.revokeIssuedTokens ?? false } };
    }
    return undefined;
  };
}
