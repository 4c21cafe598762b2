import type { GraphPrincipal } from "../entra/tokens.ts";
import type { TenantRecord, World } from "../store/world.ts";
import type { Json, ListContext } from "./odata/shape.ts";
import type { QueryOptions } from "./odata/query-options.ts";
import type { TenantState, GraphState } from "./state/tenant-state.ts";
import type { PermissionRule } from "./permissions.ts";

export type ApiVersion = "v1.0" | "beta";

/** One Graph call, from the wire or from inside a $batch. */
export interface GraphRequest {
  method: string;
  version: ApiVersion;
  /** the path after the version, e.g. `/groups/123/members` */
  path: string;
  /** the raw query string without `?` */
  query: string;
  /** lower-cased header names */
  headers: Record<string, string>;
  /** parsed JSON body, or undefined when there was none */
  body: unknown;
  /** the body was sent but is not JSON */
  invalidJson?: boolean;
  /** set for inner requests of a $batch */
  batchId?: string;
}

export interface GraphResult { status: number; body?: unknown; headers?: Record<string, string> }

export interface RouteContext {
  request: GraphRequest;
  params: Record<string, string>;
  principal: GraphPrincipal;
  tenant: TenantRecord;
  state: TenantState;
  world: World;
  graph: GraphServices;
  query: QueryOptions;
  /** paging settings and the absolute request URL for @odata.nextLink */
  list(contextPath?: string): ListContext;
  /** `https://<host>/<version>/$metadata#<path>` */
  contextUrl(path: string): string;
  now(): string;
}

export interface Route {
  method: string;
  /** e.g. `/groups/{id}/members/$ref`; `{name}` matches one segment (or the text between quotes) */
  pattern: string;
  versions?: ApiVersion[];
  permission: PermissionRule;
  handle(ctx: RouteContext): GraphResult | Promise<GraphResult>;
}

/** Shared services the routes and the control API use. */
export interface GraphServices {
  world: World;
  state: GraphState;
  baseUrl: string;
  pageSize: number;
  /** run one Graph request through the full pipeline (used by $batch) */
  execute(request: GraphRequest, authorization: string | undefined): Promise<GraphResult>;
}

export type { Json };
