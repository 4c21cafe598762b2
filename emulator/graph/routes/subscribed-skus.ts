/** GET /subscribedSkus: the tenant's licences from the seed, in Graph's subscribedSku shape. */
import { createHash } from "node:crypto";
import type { TenantRecord } from "../../store/world.ts";
import { findSku, type SkuDefinition } from "../../store/licenses.ts";
import type { Route } from "../context.ts";
import { notFound } from "../errors.ts";
import { shapeCollection, shapeEntity, type EntitySpec, type Json } from "../odata/shape.ts";
import { PERMISSIONS } from "../permissions.ts";

interface TenantSku { tenant: TenantRecord; sku: SkuDefinition }

/** A stable subscription id per tenant and SKU (Graph lists the commerce subscriptions behind a SKU). */
function subscriptionId(tenantId: string, skuId: string): string {
  const hex = createHash("sha256").update(`subscription|${tenantId}|${skuId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const SEATS = 25;

const skuSpec: EntitySpec<TenantSku> = {
  typeName: "subscribedSku",
  flavour: "directory",
  toJson: ({ tenant, sku }): Json => ({
    id: `${tenant.id}_${sku.skuId}`,
    accountId: tenant.id,
    accountName: tenant.displayName,
    appliesTo: "User",
    capabilityStatus: "Enabled",
    consumedUnits: Math.min(SEATS, tenant.users.size),
    prepaidUnits: { enabled: SEATS, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: sku.servicePlans.map((plan) => ({ ...plan, provisioningStatus: "Success", appliesTo: "User" })),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [subscriptionId(tenant.id, sku.skuId)],
  }),
};

function tenantSkus(tenant: TenantRecord): TenantSku[] {
  return tenant.licenses.flatMap((part) => {
    const sku = findSku(part);
    return sku ? [{ tenant, sku }] : [];
  });
}

export const subscribedSkuRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/subscribedSkus",
    permission: PERMISSIONS.licenseRead,
    handle: (ctx) => ({ status: 200, body: shapeCollection(tenantSkus(ctx.tenant), skuSpec, ctx.query, ctx.list("subscribedSkus")) }),
  },
  {
    method: "GET",
    pattern: "/subscribedSkus/{id}",
    permission: PERMISSIONS.licenseRead,
    handle: (ctx) => {
      const item = tenantSkus(ctx.tenant).find((s) => `${s.tenant.id}_${s.sku.skuId}` === (ctx.params.id ?? "").toLowerCase());
      if (!item) throw notFound("directory", ctx.params.id);
      return { status: 200, body: { "@odata.context": ctx.contextUrl("subscribedSkus/$entity"), ...shapeEntity(item, skuSpec, ctx.query.select, []) } };
    },
  },
];
