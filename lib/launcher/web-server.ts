// The portal's HTTP server: Next.js behind a plain Node server that listens on HOST (loopback
// unless widened on purpose) and establishes the client address before Next.js sees a request.
// Started by `npm start` / `npm run dev` (lib/launcher/start.ts); `next start` alone would take
// a client-sent X-Forwarded-For at its word.
import { createServer, type IncomingMessage } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EnvError, parseEnv } from "../env-schema";
import { clientAddress } from "../security/client-address";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const dev = process.argv.includes("--dev");

/**
 * Replaces X-Forwarded-For with the one address derived from TRUSTED_PROXY_HOPS
 * (lib/security/client-address.ts). Without a trusted proxy, the other X-Forwarded-* headers a
 * client sent are dropped too: they would otherwise name the host and scheme of links we build.
 */
export function establishClientAddress(request: IncomingMessage, trustedHops: number): void {
  const address = clientAddress(request.headers["x-forwarded-for"], request.socket.remoteAddress, trustedHops);
  if (trustedHops === 0) {
    delete request.headers["x-forwarded-host"];
    delete request.headers["x-forwarded-proto"];
    delete request.headers["x-forwarded-port"];
  }
  request.headers["x-forwarded-for"] = address;
}

async function main(): Promise<void> {
  // Next.js picks its build (production) or its bundler (development) from NODE_ENV.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? "development" : "production";
  const env = parseEnv(process.env);
  const { default: next } = await import("next");
  const app = next({ dev, dir: projectRoot, hostname: env.HOST, port: env.PORT, turbopack: dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const server = createServer((request, response) => {
    establishClientAddress(request, env.TRUSTED_PROXY_HOPS);
    void handle(request, response);
  });
  server.on("upgrade", (request: IncomingMessage, socket, head) => void upgrade(request, socket, head));
  const stop = () => server.close(() => void app.close().then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.listen(env.PORT, env.HOST, () => {
    console.log(`Ready on http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}`);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  });
}
