import type { GraphResult, RouteContext } from "../context.ts";
import { badRequest, notFound } from "../errors.ts";
import { shapeCollection, shapeEntity, type EntitySpec, type Json } from "../odata/shape.ts";
import { validateBody } from "../schema/validate.ts";

export const EM = "/identityGovernance/entitlementManagement";

export function requireEntity<T>(map: Map<string, T>, id: string | undefined): T {
  const item = id ? map.get(id.toLowerCase()) : undefined;
  if (!item) throw notFound("odata", id);
  return item;
}

export function listResult<T>(ctx: RouteContext, items: T[], spec: EntitySpec<T>, contextPath: string): GraphResult {
  return { status: 200, body: shapeCollection(items, spec, ctx.query, ctx.list(contextPath)) };
}

export function entityResult<T>(ctx: RouteContext, item: T, spec: EntitySpec<T>, contextPath: string, status = 200): GraphResult {
  const select = status === 200 ? ctx.query.select : undefined;
  const expand = status === 200 ? ctx.query.expand : [];
  return { status, body: { "@odata.context": ctx.contextUrl(`${contextPath}/$entity`), ...shapeEntity(item, spec, select, expand) } };
}

/** Validates the body against the type and returns it. */
export function bodyOf(ctx: RouteContext, typeName: string): Json {
  validateBody(ctx.request.body, typeName);
  return ctx.request.body as Json;
}

export function requireString(body: Json, property: string, typeName: string): string {
  const value = body[property];
  if (typeof value !== "string" || !value.trim()) throw badRequest(`The property '${property}' is required on '${typeName}'.`);
  return value;
}

/** `{ "catalog": { "id": "…" } }` → the id, or a 400 naming the property. */
export function navigationId(body: Json, property: string): string {
  const value = body[property] as Json | undefined;
  const id = value && typeof value === "object" ? value.id : undefined;
  if (typeof id !== "string" || !id) throw badRequest(`The navigation property '${property}' with an 'id' is required.`);
  return id.toLowerCase();
}

export function optionalString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
