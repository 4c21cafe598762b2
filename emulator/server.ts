import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ensureCertificates, DEFAULT_HOSTS } from "./certs/certificates.ts";
import { loadSeed, MAX_REPLICATION_LAG_MS, parseSeed, type SeedInput } from "./store/seed.ts";
import { World } from "./store/world.ts";
import { loadSigningKeys } from "./entra/signing-keys.ts";
import { verifyGraphAccessToken } from "./entra/tokens.ts";
import { createEntra } from "./entra/routes.ts";
import { requestOrigin } from "./http/origin.ts";
import { sendJson } from "./http/respond.ts";
import { createGraph, type GraphEmulator } from "./graph/handler.ts";
import { createControlHandler } from "./control/handler.ts";

export const DEFAULT_PORT = 8443;
export const DEFAULT_HOST = "localhost";
export const DEFAULT_DATA_DIR = ".data/emulator";
export const DEFAULT_SEED_PATH = "emulator/seed/demo.json";
export const DEFAULT_PAGE_SIZE = 100;

export interface EmulatorOptions {
  seed: SeedInput | string;
  /** 0 = a free port */
  port?: number;
  host?: string;
  dataDir?: string;
  control?: boolean;
  /** defaults to EMULATOR_TRAFFIC_LOG */
  trafficLogPath?: string;
  pageSize?: number;
  /** emulator-wide replication lag in ms (tenants may override it); defaults to EMULATOR_REPLICATION_LAG_MS, else 0 */
  replicationLagMs?: number;
  quiet?: boolean;
}

export interface RunningEmulator {
  url: string;
  caCertPath: string;
  world: World;
  /** Graph internals (faults, state) for tests that drive them directly. */
  graph: GraphEmulator;
  close(): Promise<void>;
}

/** EMULATOR_REPLICATION_LAG_MS: unset or empty = 0; anything but a whole number of ms up to 10 minutes is an error. */
export function replicationLagFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 0;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_REPLICATION_LAG_MS) {
    throw new Error(`EMULATOR_REPLICATION_LAG_MS must be a whole number of milliseconds between 0 and ${MAX_REPLICATION_LAG_MS}, got '${value}'`);
  }
  return ms;
}

/** Starts Entra ID, Graph and (optionally) the control API on one HTTPS port. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const seed = typeof options.seed === "string" ? loadSeed(options.seed) : parseSeed(options.seed, "seed object");
  const host = options.host ?? DEFAULT_HOST;
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const extraHosts = (DEFAULT_HOSTS as readonly string[]).includes(host) || host === "0.0.0.0" || host === "::" ? [] : [host];
  const [paths, keys] = await Promise.all([ensureCertificates(dataDir, extraHosts), loadSigningKeys(dataDir)]);
  const [key, cert] = await Promise.all([readFile(paths.keyPath), readFile(paths.certPath)]);

  const trafficLogPath = options.trafficLogPath ?? process.env.EMULATOR_TRAFFIC_LOG;
  const world = new World(seed, { replicationLagMs: options.replicationLagMs ?? replicationLagFromEnv(process.env.EMULATOR_REPLICATION_LAG_MS) });
  const entra = createEntra(world, keys);
  let baseUrl = "";
  // Graph is created once the port is known (its nextLinks need the base URL).
  let handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => sendJson(res, 503, { error: "starting" });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch((error: unknown) => {
      if (!options.quiet) console.error("emulator: unhandled error", error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: "InternalServerError", message: "The emulator failed to handle this request." } });
      else res.destroy();
    });
  };

  const servers: Server[] = [];
  const listenOn = (address: string, port: number) =>
    new Promise<Server>((resolveListen, reject) => {
      const server = createServer({ key, cert }, listener);
      server.keepAliveTimeout = 30_000;
      server.once("error", reject);
      server.listen(port, address, () => {
        server.off("error", reject);
        resolveListen(server);
      });
    });

  // "localhost" may resolve to 127.0.0.1 or ::1 depending on the client; listen on both
  // loopback addresses (same port) rather than on every interface.
  const primaryAddress = host === "localhost" ? "127.0.0.1" : host;
  const primary = await listenOn(primaryAddress, options.port ?? DEFAULT_PORT);
  servers.push(primary);
  const address = primary.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? DEFAULT_PORT);
  if (host === "localhost") {
    const v6 = await listenOn("::1", port).catch(() => undefined); // no IPv6 loopback: fine
    if (v6) servers.push(v6);
  }
  baseUrl = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const graph = createGraph({
    world,
    authenticate: (authorization) => verifyGraphAccessToken(world, keys, authorization),
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    // The env fallback lets a whole test run be recorded and checked for conformance.
    ...(trafficLogPath ? { trafficLogPath: resolve(trafficLogPath) } : {}),
    baseUrl,
  });
  const control = options.control ? createControlHandler(world, graph) : undefined;

  handler = async (req, res) => {
    const origin = requestOrigin(req, baseUrl);
    const url = new URL(`${origin}${req.url ?? "/"}`);
    const path = url.pathname;
    if (path.startsWith("/v1.0/") || path === "/v1.0" || path.startsWith("/beta/") || path === "/beta") return graph.handle(req, res, url);
    if (path === "/_emulator" || path.startsWith("/_emulator/")) {
      if (control) return control(req, res, url);
      return sendJson(res, 404, { error: "not_found", error_description: "The control API is disabled. Start the emulator with --control or EMULATOR_CONTROL=1." });
    }
    if (await entra.handle(req, res, url, origin)) return;
    sendJson(res, 404, { error: "not_found", error_description: `No emulator endpoint at ${req.method ?? "GET"} ${path}` });
  };

  if (!options.quiet) {
    console.log(`Emulator listening on ${baseUrl}`);
    console.log(`Trust its certificates in Node with NODE_EXTRA_CA_CERTS=${paths.caCertPath}`);
  }

  return {
    url: baseUrl,
    caCertPath: paths.caCertPath,
    world,
    graph,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolveClose) => {
              server.close(() => resolveClose());
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
