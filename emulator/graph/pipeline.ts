/**
 * The life of one Graph call, shared by wire requests and $batch inner requests:
 * faults → authentication → routing → permission → query options → route → error shape →
 * standard headers → traffic log.
 */
import { randomUUID } from "node:crypto";
import type { GraphPrincipal } from "../entra/tokens.ts";
import type { FaultDecision, FaultInjector } from "../faults/faults.ts";
import { DELIBERATELY_INVALID_HEADER, type TrafficLog } from "../traffic/traffic-log.ts";
import type { GraphRequest, GraphResult, GraphServices, RouteContext } from "./context.ts";
import { forbidden, GraphError, graphErrorBody, noSuchRoute, badRequest } from "./errors.ts";
import { parseQueryOptions, QueryOptionError } from "./odata/query-options.ts";
import { checkPermission } from "./permissions.ts";
import type { Router } from "./router.ts";
import { tenantGate } from "./tenant-gates.ts";

export const JSON_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export interface PipelineDeps {
  services: Omit<GraphServices, "execute">;
  router: Router;
  faults: FaultInjector;
  traffic: TrafficLog;
  authenticate: (authorizationHeader: string | undefined) => Promise<GraphPrincipal | null>;
  /** runs before each authenticated call: lets time-driven state (expiry) catch up */
  beforeCall(tenantId: string): void;
}

export interface ExecuteOptions {
  /** wire requests decide their fault first (a drop never reaches the pipeline) */
  fault?: FaultDecision;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createPipeline(deps: PipelineDeps) {
  const { services, router, faults, traffic } = deps;
  const { world } = services;

  async function run(request: GraphRequest, authorization: string | undefined, options: ExecuteOptions): Promise<GraphResult> {
    {
      const decision = options.fault ?? faults.decide(request.method, `/${request.version}${request.path}`);
      if (decision.latencyMs) await sleep(decision.latencyMs);
      const outcome = decision.outcome;
      // A dropped inner request cannot drop the outer connection; it surfaces as a 503.
      if (outcome.kind === "429") throw new GraphError(429, "TooManyRequests", "Too many requests, retry after some time.", { "retry-after": String(outcome.retryAfterSeconds) });
      if (outcome.kind === "503" || outcome.kind === "drop") throw new GraphError(503, "serviceNotAvailable", "The service is temporarily unavailable. Retry after some time.", { "retry-after": String(outcome.kind === "503" ? outcome.retryAfterSeconds : 1) });
    }
    if (request.invalidJson) throw badRequest("Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
    const principal = await deps.authenticate(authorization);
    if (!principal) {
      throw new GraphError(401, "InvalidAuthenticationToken", authorization ? "Access token validation failure. Invalid audience, signature or expiry." : "Access token is empty.", {
        "www-authenticate": `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
      });
    }
    const tenant = world.tenants.get(principal.tenantId.toLowerCase());
    if (!tenant) throw new GraphError(401, "InvalidAuthenticationToken", "The token's tenant does not exist.");
    const match = router.match(request.method, request.version, request.path);
    if (match.kind === "none") throw noSuchRoute(request.method, request.path);
    if (match.kind === "methodNotAllowed") {
      throw new GraphError(405, "Request_BadRequest", `Specified HTTP method is not allowed for the request target (allowed: ${match.allowed.join(", ")}).`, { allow: match.allowed.join(", ") });
    }
    const verdict = checkPermission(match.route.permission, principal);
    if (!verdict.ok) {
      throw verdict.reason === "appOnlyNotSupported"
        ? forbidden("This operation does not support application permissions; call it with a delegated (user) token.")
        : forbidden();
    }
    const refusal = tenantGate(request.method, request.path, tenant);
    if (refusal) throw refusal;
    let query;
    try {
      query = parseQueryOptions(new URLSearchParams(request.query));
    } catch (error) {
      if (error instanceof QueryOptionError) throw badRequest(error.message);
      throw error;
    }
    deps.beforeCall(tenant.id);
    const state = services.state.tenant(tenant.id);
    const requestUrl = new URL(`${services.baseUrl}/${request.version}${request.path}${request.query ? `?${request.query}` : ""}`);
    const ctx: RouteContext = {
      request,
      params: match.params,
      principal,
      tenant,
      state,
      world,
      graph: { ...services, execute },
      query,
      list: (contextPath) => ({
        pageSize: services.pageSize,
        requestUrl,
        eventual: (request.headers["consistencylevel"] ?? "").toLowerCase() === "eventual",
        ...(contextPath ? { context: `${services.baseUrl}/${request.version}/$metadata#${contextPath}` } : {}),
      }),
      contextUrl: (path) => `${services.baseUrl}/${request.version}/$metadata#${path}`,
      now: () => world.now().toISOString(),
    };
    return match.route.handle(ctx);
  }

  async function execute(request: GraphRequest, authorization: string | undefined, options: ExecuteOptions = {}): Promise<GraphResult> {
    const requestId = randomUUID();
    const clientRequestId = request.headers["client-request-id"] || randomUUID();
    const date = new Date();
    let result: GraphResult;
    try {
      result = await run(request, authorization, options);
    } catch (error) {
      const graphError = error instanceof GraphError ? error : new GraphError(500, "generalException", "An internal error occurred in the Graph emulator.");
      if (!(error instanceof GraphError)) console.error("[graph] unexpected error", error);
      result = { status: graphError.status, body: graphErrorBody(graphError, { requestId, clientRequestId, date }), headers: graphError.headers };
    }
    const headers: Record<string, string> = {
      ...(result.body !== undefined ? { "content-type": JSON_CONTENT_TYPE } : {}),
      ...lowerKeys(result.headers ?? {}),
      "request-id": requestId,
      "client-request-id": clientRequestId,
      date: date.toUTCString(),
      "x-ms-ags-diagnostic": JSON.stringify({ ServerInfo: { DataCenter: "Local", Slice: "E", Ring: "0", ScaleUnit: "000", RoleInstance: "gatehouse-emulator" } }),
    };
    const final: GraphResult = { status: result.status, headers, ...(result.body !== undefined ? { body: result.body } : {}) };
    traffic.record(
      {
        method: request.method,
        path: `/${request.version}${request.path}`,
        query: request.query,
        requestBody: request.invalidJson ? null : request.body ?? null,
        status: final.status,
        responseHeaders: headers,
        responseBody: final.body ?? null,
      },
      {
        time: date,
        ...(request.batchId ? { batchId: request.batchId } : {}),
        // Tests of the emulator's own validation send malformed requests on purpose and say so;
        // they stay out of the recorded file, which is checked for conformance with Graph's schema.
        onPurposeInvalid: request.headers[DELIBERATELY_INVALID_HEADER] === "1",
      },
    );
    return final;
  }

  return { execute };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
