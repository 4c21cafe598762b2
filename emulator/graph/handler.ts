/**
 * Entry point of the Graph surface (`/v1.0/*`, `/beta/*`): turns the Node request into a
 * GraphRequest, applies connection-level faults, runs the pipeline and writes the answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphPrincipal } from "../entra/tokens.ts";
import type { World } from "../store/world.ts";
import { FaultInjector, faultsFromEnv, type FaultRule } from "../faults/faults.ts";
import { TrafficLog } from "../traffic/traffic-log.ts";
import type { ApiVersion, GraphRequest, GraphResult } from "./context.ts";
import { createPipeline } from "./pipeline.ts";
import { Router } from "./router.ts";
import { allRoutes } from "./routes/index.ts";
import { GraphState } from "./state/tenant-state.ts";
import { Lifecycle } from "./entitlement/lifecycle.ts";
import { seedDefenderRoles } from "./defender/built-in-roles.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface GraphHandlerOptions {
  world: World;
  authenticate: (authorizationHeader: string | undefined) => Promise<GraphPrincipal | null>;
  pageSize: number;
  trafficLogPath?: string;
  baseUrl: string;
  /** initial fault rules; defaults to EMULATOR_FAULTS */
  faults?: FaultRule[];
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function createGraph(options: GraphHandlerOptions) {
  const { world } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const state = new GraphState(seedDefenderRoles, { now: () => world.now().getTime(), lagMs: (tenantId) => world.replicationLagMs(tenantId) });
  const faults = new FaultInjector(options.faults ?? faultsFromEnv(process.env.EMULATOR_FAULTS));
  const traffic = new TrafficLog(options.trafficLogPath);
  const lifecycle = new Lifecycle(world, state);
  const services = { world, state, baseUrl, pageSize: options.pageSize > 0 ? options.pageSize : 100 };
  const pipeline = createPipeline({
    services,
    router: new Router(allRoutes(lifecycle)),
    faults,
    traffic,
    authenticate: options.authenticate,
    beforeCall: (tenantId) => lifecycle.sweep(tenantId),
  });

  world.on("reset", () => state.clear());
  world.on("clock", () => lifecycle.sweepAll());

  const handle: Handler = async (req, res, url) => {
    const versionMatch = /^\/(v1\.0|beta)(\/.*)?$/.exec(url.pathname);
    const version = (versionMatch?.[1] ?? "v1.0") as ApiVersion;
    // Clients differ in how they escape OData punctuation; route on the readable form.
    const path = (versionMatch?.[2] ?? "/").replace(/%24/gi, "$").replace(/%27/gi, "'").replace(/%28/gi, "(").replace(/%29/gi, ")").replace(/%3D/gi, "=");
    const fault = faults.decide(req.method ?? "GET", `/${version}${path}`);
    if (fault.outcome.kind === "drop") {
      if (fault.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
      req.socket.destroy();
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : v ?? ""]));
    const raw = await readBody(req);
    const request: GraphRequest = { method: (req.method ?? "GET").toUpperCase(), version, path, query: url.search.replace(/^\?/, ""), headers, ...parseJsonBody(raw) };
    writeResult(res, await pipeline.execute(request, req.headers.authorization, { fault }));
  };

  return { handle, faults, traffic, state, lifecycle, execute: pipeline.execute, options: { ...options, baseUrl } };
}

export type GraphEmulator = ReturnType<typeof createGraph>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) { reject(new Error("request body too large")); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJsonBody(raw: string): { body: unknown; invalidJson?: boolean } {
  if (!raw.trim()) return { body: undefined };
  try {
    return { body: JSON.parse(raw) as unknown };
  } catch {
    return { body: raw, invalidJson: true };
  }
}

function writeResult(res: ServerResponse, result: GraphResult): void {
  const body = result.body === undefined ? undefined : JSON.stringify(result.body);
  res.writeHead(result.status, { ...(result.headers ?? {}), ...(body !== undefined ? { "content-length": Buffer.byteLength(body) } : {}) });
  res.end(body);
}
