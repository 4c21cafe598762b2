import type { IncomingMessage } from "node:http";

const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * The origin the client used (`https://localhost:8443` or `https://127.0.0.1:8443`).
 * Issuers and endpoint URLs follow it, so discovery, tokens and redirects agree with
 * whichever name the client was configured with. Falls back to the configured base URL.
 */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && HOST_PATTERN.test(host) ? `https://${host.toLowerCase()}` : fallback;
}
