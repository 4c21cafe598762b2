/**
 * Applies query options to entities and collections: $filter (with nested navigation
 * paths), $orderby, $count, $select, $expand and server-driven paging with an absolute
 * `@odata.nextLink`. The routes describe each entity type once with an EntitySpec.
 */
import { badRequest, GraphError, type ErrorFlavour } from "../errors.ts";
import { propertiesOf, qualified } from "../schema/types.ts";
import { evaluateFilter, filterPaths, plainGetter, usesAdvancedOperators, type PropertyGetter } from "./filter.ts";
import type { ExpandItem, QueryOptions } from "./query-options.ts";

export type Json = Record<string, unknown>;

/** A navigation target: the related item(s) and how to render them. */
export interface Related { spec: AnySpec; value: unknown }
/** A spec of some entity type (navigation targets differ per property). */
export type AnySpec = EntitySpec<never>;
const erase = (spec: AnySpec) => spec as unknown as EntitySpec<unknown>;

export interface EntitySpec<T> {
  typeName: string;
  flavour: ErrorFlavour;
  /** the full representation; `defaultSelect` trims it when no $select is given */
  toJson(item: T): Json;
  defaultSelect?: string[];
  /** for collections of mixed derived types (group members): where $select may look */
  selectableTypes?: string[];
  navigations?: Record<string, (item: T) => Related>;
}

export interface ListContext {
  pageSize: number;
  /** the request URL, used to build @odata.nextLink on the emulator's public base URL */
  requestUrl: URL;
  /** `ConsistencyLevel: eventual` was sent (Entra ID advanced queries) */
  eventual: boolean;
  context?: string;
}

function navigationOf<T>(spec: EntitySpec<T>, name: string): ((item: T) => Related) | undefined {
  const key = Object.keys(spec.navigations ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? spec.navigations![key] : undefined;
}

function getterFor<T>(spec: EntitySpec<T>): PropertyGetter {
  return (item, segments) => {
    const [head, ...rest] = segments;
    const navigation = head === undefined ? undefined : navigationOf(spec, head);
    if (navigation && item !== null && typeof item === "object" && "__source" in item) {
      const related = navigation((item as { __source: T }).__source);
      const spec = erase(related.spec);
      const json = Array.isArray(related.value) ? related.value.map((v) => spec.toJson(v)) : related.value == null ? null : spec.toJson(related.value);
      return rest.length ? plainGetter(json, rest) : json;
    }
    return plainGetter(item, segments);
  };
}

function assertProperty(spec: { typeName: string; flavour: ErrorFlavour; selectableTypes?: string[] }, name: string, what: string): void {
  if (name.startsWith("@")) return;
  const types = [spec.typeName, ...(spec.selectableTypes ?? [])];
  if (!types.some((type) => propertiesOf(type).has(name.toLowerCase()))) {
    throw badRequest(`${what}: Could not find a property named '${name}' on type '${qualified(spec.typeName)}'.`, spec.flavour);
  }
}

export function shapeEntity<T>(item: T, spec: EntitySpec<T>, select: string[] | undefined, expand: ExpandItem[]): Json {
  const json = spec.toJson(item);
  let out: Json = json;
  if (!select && spec.defaultSelect) {
    out = {};
    for (const key of ["@odata.type", ...spec.defaultSelect]) if (key in json) out[key] = json[key];
  }
  if (select && select.length && !select.includes("*")) {
    out = {};
    if (json["@odata.type"] !== undefined) out["@odata.type"] = json["@odata.type"];
    for (const name of select) {
      assertProperty(spec, name, "Parsing OData Select and Expand failed");
      const key = Object.keys(json).find((k) => k.toLowerCase() === name.toLowerCase());
      if (key !== undefined) out[key] = json[key];
      else if (!navigationOf(spec, name)) out[name] = null;
    }
  }
  for (const item_ of expand) {
    const navigation = navigationOf(spec, item_.name);
    if (!navigation) {
      assertProperty(spec, item_.name, "Parsing OData Select and Expand failed");
      throw badRequest(`Property '${item_.name}' on type '${qualified(spec.typeName)}' is not a navigation property or complex property. Only navigation properties can be expanded.`, spec.flavour);
    }
    const related = navigation(item);
    const render = (value: unknown) => shapeEntity(value, erase(related.spec), item_.select, item_.expand);
    out[item_.name] = Array.isArray(related.value) ? related.value.map(render) : related.value == null ? null : render(related.value);
  }
  return out;
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

function decodeSkipToken(token: string, flavour: ErrorFlavour): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString()) as { o?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch { /* fall through */ }
  throw badRequest(`Invalid $skiptoken '${token}'.`, flavour);
}

function matchesSearch(json: Json, search: string, flavour: ErrorFlavour): boolean {
  const clauses = search.replace(/^"|"$/g, "").split(/"\s+(?:OR)\s+"/);
  return clauses.some((clause) => {
    const [property, term] = clause.split(":");
    if (!property || term === undefined) throw badRequest(`Syntax error in $search: '${search}'. Use "property:term".`, flavour);
    const value = plainGetter(json, [property]);
    return typeof value === "string" && value.toLowerCase().split(/[\s\-_.@]+/).some((word) => word.startsWith(term.toLowerCase()));
  });
}

/** Filters, sorts, counts and pages a collection; returns the JSON body of the response. */
export function shapeCollection<T>(items: readonly T[], spec: EntitySpec<T>, options: QueryOptions, list: ListContext): Json {
  const directory = spec.flavour === "directory";
  if (directory && !list.eventual) {
    if (options.count) throw badRequest("$count is not currently supported.", "directory");
    if (options.search) throw badRequest("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'", "directory");
    if (options.filter && usesAdvancedOperators(options.filter)) throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
  }
  for (const name of options.select ?? []) if (name !== "*") assertProperty(spec, name, "Parsing OData Select and Expand failed");
  // Rendering every entity is the expensive part; only do it when the options need values.
  let sources: readonly T[] = items;
  if (options.filter || options.search || options.orderBy.length) {
    let rows = items.map((source) => ({ source, json: { ...spec.toJson(source), __source: source } as Json }));
    if (options.filter) {
      const filter = options.filter;
      for (const path of filterPaths(filter)) assertProperty(spec, path[0]!, "Invalid filter clause");
      const get = getterFor(spec);
      rows = rows.filter((row) => evaluateFilter(filter, row.json, get));
    }
    if (options.search) {
      const search = options.search;
      rows = rows.filter((row) => matchesSearch(row.json, search, spec.flavour));
    }
    if (options.orderBy.length) {
      const get = getterFor(spec);
      for (const clause of options.orderBy) assertProperty(spec, clause.segments[0]!, "Invalid $orderby clause");
      rows = [...rows].sort((a, b) => {
        for (const clause of options.orderBy) {
          const x = String(get(a.json, clause.segments) ?? "").toLowerCase();
          const y = String(get(b.json, clause.segments) ?? "").toLowerCase();
          if (x !== y) return (x < y ? -1 : 1) * (clause.descending ? -1 : 1);
        }
        return 0;
      });
    }
    sources = rows.map((row) => row.source);
  }
  const offset = options.skipToken === undefined ? 0 : decodeSkipToken(options.skipToken, spec.flavour);
  const size = options.top ?? list.pageSize;
  const page = sources.slice(offset, offset + size);
  const body: Json = {};
  if (list.context) body["@odata.context"] = list.context;
  if (options.count) body["@odata.count"] = sources.length;
  body.value = page.map((source) => shapeEntity(source, spec, options.select, options.expand));
  if (offset + size < sources.length) {
    const next = new URL(list.requestUrl);
    next.searchParams.delete("$skiptoken");
    next.searchParams.set("$skiptoken", encodeSkipToken(offset + size));
    body["@odata.nextLink"] = next.toString();
  }
  return body;
}
