/**
 * Parses the system query options Graph understands ($filter, $select, $expand, $top,
 * $skiptoken, $count, $orderby, $search) into a typed value. Pure; syntax problems throw
 * QueryOptionError, which the pipeline turns into a 400.
 */
import { FilterSyntaxError, parseFilter, type FilterExpr } from "./filter.ts";

export interface ExpandItem { name: string; select?: string[]; expand: ExpandItem[] }
export interface OrderBy { segments: string[]; descending: boolean }

export interface QueryOptions {
  filter?: FilterExpr;
  select?: string[];
  expand: ExpandItem[];
  top?: number;
  skipToken?: string;
  count: boolean;
  orderBy: OrderBy[];
  search?: string;
}

export class QueryOptionError extends Error {}

const KNOWN = new Set(["$filter", "$select", "$expand", "$top", "$skiptoken", "$count", "$orderby", "$search", "$skip", "$format"]);

export function parseQueryOptions(params: URLSearchParams): QueryOptions {
  for (const key of params.keys()) {
    if (key.startsWith("$") && !KNOWN.has(key.toLowerCase())) throw new QueryOptionError(`Query option '${key}' is not supported.`);
  }
  const get = (name: string) => {
    for (const [key, value] of params) if (key.toLowerCase() === name) return value;
    return undefined;
  };
  const options: QueryOptions = { expand: [], count: false, orderBy: [] };
  const filter = get("$filter");
  if (filter !== undefined) {
    try {
      options.filter = parseFilter(filter);
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw new QueryOptionError(`Invalid filter clause: ${error.message}`);
      throw error;
    }
  }
  const select = get("$select");
  if (select !== undefined) options.select = splitTopLevel(select, ",").map((s) => s.trim()).filter(Boolean);
  const expand = get("$expand");
  if (expand !== undefined) options.expand = parseExpand(expand);
  const top = get("$top");
  if (top !== undefined) {
    if (!/^\d+$/.test(top) || Number(top) < 1 || Number(top) > 999) throw new QueryOptionError(`Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
    options.top = Number(top);
  }
  if (get("$skip") !== undefined) throw new QueryOptionError("'$skip' is not supported by the service.");
  options.skipToken = get("$skiptoken");
  const count = get("$count");
  if (count !== undefined) {
    if (count !== "true" && count !== "false") throw new QueryOptionError(`Invalid value '${count}' for $count; expected true or false.`);
    options.count = count === "true";
  }
  const orderBy = get("$orderby");
  if (orderBy !== undefined) {
    options.orderBy = orderBy.split(",").map((clause) => {
      const [path = "", direction = "asc", ...extra] = clause.trim().split(/\s+/);
      if (!path || extra.length || !/^(asc|desc)$/i.test(direction)) throw new QueryOptionError(`Invalid $orderby clause '${clause}'.`);
      return { segments: path.split("/"), descending: direction.toLowerCase() === "desc" };
    });
  }
  options.search = get("$search");
  return options;
}

/** `role($expand=resource;$select=id),scope` → nested ExpandItems. */
export function parseExpand(text: string): ExpandItem[] {
  return splitTopLevel(text, ",").map((raw) => raw.trim()).filter(Boolean).map((raw) => {
    const open = raw.indexOf("(");
    if (open < 0) {
      if (!/^[A-Za-z][\w]*$/.test(raw)) throw new QueryOptionError(`Invalid $expand item '${raw}'.`);
      return { name: raw, expand: [] };
    }
    if (!raw.endsWith(")")) throw new QueryOptionError(`Unbalanced parentheses in $expand item '${raw}'.`);
    const item: ExpandItem = { name: raw.slice(0, open).trim(), expand: [] };
    for (const option of splitTopLevel(raw.slice(open + 1, -1), ";")) {
      const eq = option.indexOf("=");
      const key = option.slice(0, eq).trim().toLowerCase();
      const value = option.slice(eq + 1).trim();
      if (key === "$select") item.select = value.split(",").map((s) => s.trim()).filter(Boolean);
      else if (key === "$expand") item.expand = parseExpand(value);
      else throw new QueryOptionError(`Query option '${key}' is not supported inside $expand.`);
    }
    return item;
  });
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of text) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === separator && depth === 0) { parts.push(current); current = ""; continue; }
    current += c;
  }
  if (depth !== 0) throw new QueryOptionError(`Unbalanced parentheses in '${text}'.`);
  parts.push(current);
  return parts;
}
