/**
 * Test seam: the Graph handler on a local plain-HTTP server with a fake `authenticate`, so
 * most Graph tests need no certificates or real tokens. A fake token is
 * `Bearer fake|<tenantId>|<comma-separated roles>` (app) or `Bearer fake|<tid>|<scp>|<oid>` (user).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadSeed } from "../../store/seed.ts";
import { World } from "../../store/world.ts";
import type { GraphPrincipal } from "../../entra/tokens.ts";
import { createGraph, type GraphEmulator } from "../handler.ts";
import { createControlHandler } from "../../control/handler.ts";
import type { FaultRule } from "../../faults/faults.ts";

export const MSSP = "74361f78-e191-4c87-ac08-85e9f5f72879";
export const CONTOSO = "f751f8f2-154d-4e76-acbb-2dba45769137";
export const FABRIKAM = "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7";
export const ALL_APP_ROLES = ["EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All", "GroupMember.ReadWrite.All", "CrossTenantInformation.ReadBasic.All", "RoleManagement.ReadWrite.Defender", "Organization.Read.All", "User.Read.All"];

export function fakeAuthenticate(header: string | undefined): Promise<GraphPrincipal | null> {
  const match = /^Bearer fake\|([^|]+)\|([^|]*)(?:\|([^|]*)\|([^|]+))?$/.exec(header ?? "");
  if (!match) return Promise.resolve(null);
  const [, tenantId, roles, scp, oid] = match;
  if (oid) return Promise.resolve({ tenantId: tenantId!, appId: "app", roles: [], idtyp: "user", scp: scp ?? "", oid });
  return Promise.resolve({ tenantId: tenantId!, appId: "app", roles: roles ? roles.split(",") : [], idtyp: "app" });
}

/** For tests of the emulator's validation: the request is malformed on purpose (see TrafficLog). */
export const ON_PURPOSE_INVALID = { "x-emulator-deliberately-invalid": "1" } as const;

export const appToken = (tenantId: string, roles: string[] = ALL_APP_ROLES) => `Bearer fake|${tenantId}|${roles.join(",")}`;
export const userToken = (tenantId: string, oid: string, scp = "EntitlementManagement.ReadWrite.All") => `Bearer fake|${tenantId}||${scp}|${oid}`;

/**
 * A parsed JSON body as tests read it. Tests walk Graph answers ad hoc and assert on the
 * values; declaring a type per answer would only restate the assertions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above; test support only
export type LooseJson = any;

export interface GraphResponse<T = LooseJson> { status: number; headers: Headers; body: T }

export interface Harness {
  url: string;
  world: World;
  graph: GraphEmulator;
  call<T = LooseJson>(method: string, path: string, options?: { body?: unknown; token?: string | null; headers?: Record<string, string>; tenant?: string }): Promise<GraphResponse<T>>;
  control<T = LooseJson>(method: string, path: string, body?: unknown): Promise<GraphResponse<T>>;
  close(): Promise<void>;
}

export async function startGraphHarness(options: { pageSize?: number; faults?: FaultRule[]; trafficLogPath?: string; replicationLagMs?: number } = {}): Promise<Harness> {
  const world = new World(loadSeed("emulator/seed/demo.json"), { replicationLagMs: options.replicationLagMs ?? 0 });
  let url = "";
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? "/", url);
    const handler = target.pathname.startsWith("/_emulator") ? control : graph.handle;
    handler(req, res, target).catch((error: unknown) => { res.writeHead(500); res.end(String(error)); });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const graph = createGraph({
    world, authenticate: fakeAuthenticate, pageSize: options.pageSize ?? 100, baseUrl: url, faults: options.faults ?? [],
    ...(options.trafficLogPath ?? process.env.EMULATOR_TRAFFIC_LOG ? { trafficLogPath: options.trafficLogPath ?? process.env.EMULATOR_TRAFFIC_LOG } : {}),
  });
  const control = createControlHandler(world, graph);
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(path.startsWith("http") ? path : url + path, {
      method, headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  return {
    url, world, graph,
    call: (method, path, o = {}) => {
      const token = o.token === undefined ? appToken(o.tenant ?? CONTOSO) : o.token;
      return send(method, path, o.body, { ...(token ? { authorization: token } : {}), ...(o.headers ?? {}) });
    },
    control: (method, path, body) => send(method, `/_emulator${path}`, body, {}),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
