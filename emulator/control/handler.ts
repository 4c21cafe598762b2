/**
 * The control API (`/_emulator/*`) for tests and the demo: reset, clock, faults, traffic,
 * acting as a requestor or an approver, and a state summary. JSON in, JSON out; errors use
 * Graph's `{ error: { code, message } }` shape. Only mounted when the control flag is on.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { UserRecord, World } from "../store/world.ts";
import type { createGraph, Handler } from "../graph/handler.ts";
import { GraphError } from "../graph/errors.ts";
import { emSpecs } from "../graph/entitlement/specs.ts";
import { shapeEntity } from "../graph/odata/shape.ts";
import { parseExpand } from "../graph/odata/query-options.ts";
import { faultConfigSchema } from "../faults/faults.ts";
import { seedTenantSchema } from "../store/seed.ts";
import { createTenantControls } from "./tenant-controls.ts";

type Graph = ReturnType<typeof createGraph>;
type Reply = { status: number; body?: unknown };

const advanceSchema = z.strictObject({ days: z.number().min(0).optional(), hours: z.number().min(0).optional(), minutes: z.number().min(0).optional(), ms: z.number().min(0).optional() });
const requestSchema = z.strictObject({ tenantId: z.string().min(1), userPrincipalName: z.string().min(1), justification: z.string().optional(), policyId: z.string().optional() });
const userPatchSchema = z.strictObject({ accountEnabled: z.boolean().optional(), appRoles: z.array(z.string().min(1)).optional() });
const decisionSchema = z.strictObject({ approverUserPrincipalName: z.string().min(1), decision: z.enum(["Approve", "Deny"]), justification: z.string().optional() });

const error = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new GraphError(400, "BadRequest", `Invalid body: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

export function createControlHandler(world: World, graph: Graph): Handler {
  const renderRequest = (tenantId: string, requestId: string) => {
    const state = graph.state.tenant(tenantId);
    const request = state.assignmentRequests.get(requestId);
    if (!request) return null;
    return shapeEntity(request, emSpecs(state).assignmentRequest, undefined, parseExpand("requestor,assignment($expand=target),accessPackage"));
  };

  const tenantControls = createTenantControls(world, parse);

  async function route(method: string, path: string, url: URL, body: unknown): Promise<Reply> {
    const tenantReply = tenantControls(method, path, body);
    if (tenantReply) return tenantReply;
    if (method === "POST" && path === "/reset") {
      world.reset();
      return { status: 200, body: { reset: true, now: world.now().toISOString() } };
    }
    if (method === "GET" && path === "/clock") return { status: 200, body: { now: world.now().toISOString(), offsetMs: world.clockOffset() } };
    if (method === "POST" && path === "/clock/advance") {
      const { days = 0, hours = 0, minutes = 0, ms = 0 } = parse(advanceSchema, body);
      world.advanceClock(((days * 24 + hours) * 60 + minutes) * 60_000 + ms);
      return { status: 200, body: { now: world.now().toISOString(), offsetMs: world.clockOffset() } };
    }
    if (path === "/faults") {
      if (method === "GET") return { status: 200, body: { rules: graph.faults.config() } };
      if (method === "DELETE") { graph.faults.clear(); return { status: 200, body: { rules: [] } }; }
      if (method === "PUT") {
        const rules = parse(faultConfigSchema, Array.isArray(body) ? body : (body as { rules?: unknown } | undefined)?.rules);
        graph.faults.configure(rules);
        return { status: 200, body: { rules: graph.faults.config() } };
      }
    }
    if (method === "POST" && path === "/tenants") {
      const input = parse(seedTenantSchema, body);
      const badUpn = input.users.find((u) => !input.domains.some((d) => d.toLowerCase() === u.userPrincipalName.split("@")[1]?.toLowerCase()));
      if (badUpn) throw new GraphError(400, "BadRequest", `${badUpn.userPrincipalName} is not in one of the tenant's domains.`);
      let tenant;
      try {
        tenant = world.addTenant(input);
      } catch (caught) {
        return error(409, "Conflict", (caught as Error).message);
      }
      return { status: 201, body: { id: tenant.id, displayName: tenant.displayName, domains: tenant.domains, users: [...tenant.users.values()].map((u) => u.userPrincipalName) } };
    }
    if (path === "/traffic") {
      if (method === "GET") {
        const since = Number(url.searchParams.get("since") ?? 0);
        return { status: 200, body: graph.traffic.since(Number.isFinite(since) ? since : 0) };
      }
      if (method === "DELETE") { graph.traffic.clear(); return { status: 200, body: { cleared: true } }; }
    }
    const packageRequest = /^\/access-packages\/([^/]+)\/requests$/.exec(path);
    if (method === "POST" && packageRequest) {
      const input = parse(requestSchema, body);
      const request = graph.lifecycle.requestAccess({ ...input, accessPackageId: decodeURIComponent(packageRequest[1]!) });
      return { status: 201, body: renderRequest(world.findTenant(input.tenantId)!.id, request.id) };
    }
    const approval = /^\/approvals\/([^/]+)$/.exec(path);
    if (method === "POST" && approval) {
      const input = parse(decisionSchema, body);
      const request = graph.lifecycle.decide({ requestId: decodeURIComponent(approval[1]!), ...input });
      const found = graph.lifecycle.findRequest(request.id);
      return { status: 200, body: found ? renderRequest(found.state.tenantId, request.id) : null };
    }
    const userPath = /^\/users\/([^/]+)(\/revoke-sign-in-sessions)?$/.exec(path);
    if (userPath && ((method === "PATCH" && !userPath[2]) || (method === "POST" && userPath[2]))) {
      const found = world.findUser(decodeURIComponent(userPath[1]!));
      if (!found) return error(404, "ResourceNotFound", `User '${decodeURIComponent(userPath[1]!)}' does not exist.`);
      const { user } = found;
      if (userPath[2]) {
        // Graph's revokeSignInSessions: refresh tokens issued before now stop working.
        user.signInSessionsValidFrom = Date.now(); // real time, as refresh tokens are
      } else {
        const patch = parse(userPatchSchema, body);
        if (patch.accountEnabled !== undefined) user.accountEnabled = patch.accountEnabled;
        if (patch.appRoles !== undefined) user.appRoles = [...new Set(patch.appRoles)];
      }
      return { status: 200, body: userSummary(user) };
    }
    const summary = /^\/state\/([^/]+)$/.exec(path);
    if (method === "GET" && summary) {
      const tenant = world.findTenant(decodeURIComponent(summary[1]!));
      if (!tenant) return error(404, "ResourceNotFound", `Tenant '${summary[1]}' does not exist.`);
      graph.lifecycle.sweep(tenant.id);
      const state = graph.state.tenant(tenant.id);
      return {
        status: 200,
        body: {
          tenantId: tenant.id,
          displayName: tenant.displayName,
          users: tenant.users.size,
          guests: [...tenant.users.values()].filter((u) => u.userType === "Guest").length,
          consentedApps: [...world.applications.keys()].filter((appId) => world.hasConsent(tenant.id, appId)),
          counts: state.counts(),
          requestsByState: countBy([...state.assignmentRequests.values()].map((r) => r.state)),
          assignmentsByState: countBy([...state.assignments.values()].map((a) => a.state)),
        },
      };
    }
    return error(404, "NotFound", `No control endpoint ${method} /_emulator${path}.`);
  }

  return async (req, res, url) => {
    let reply: Reply;
    try {
      const raw = await readBody(req);
      let body: unknown;
      try { body = raw.trim() ? JSON.parse(raw) : undefined; } catch { throw new GraphError(400, "BadRequest", "The body is not valid JSON."); }
      reply = await route((req.method ?? "GET").toUpperCase(), url.pathname.replace(/^\/_emulator/, "").replace(/\/+$/, "") || "/", url, body);
    } catch (caught) {
      if (!(caught instanceof GraphError)) throw caught;
      reply = error(caught.status, caught.code, caught.message);
    }
    send(res, reply);
  };
}

function userSummary(user: UserRecord) {
  return {
    id: user.id,
    tenantId: user.tenantId,
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
    appRoles: [...user.appRoles],
    signInSessionsValidFromDateTime: user.signInSessionsValidFrom === undefined ? null : new Date(user.signInSessionsValidFrom).toISOString(),
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? "" : JSON.stringify(reply.body);
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
}
