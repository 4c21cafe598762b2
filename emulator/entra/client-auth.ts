import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ApplicationRecord, World } from "../store/world.ts";
import { parseBasicAuthorization } from "../http/body.ts";
import { failures, type EntraFailure } from "./errors.ts";

/**
 * Authenticates the confidential client on the token endpoint: client_secret_post or
 * client_secret_basic (what oauth4webapi, and so Auth.js, sends by default).
 */
export function authenticateClient(world: World, req: IncomingMessage, form: URLSearchParams, tenantLabel: string): { app: ApplicationRecord } | { failure: EntraFailure } {
  const basic = parseBasicAuthorization(req.headers.authorization);
  const clientId = basic?.username ?? form.get("client_id");
  if (!clientId) return { failure: failures.missingParameter("client_id") };
  if (basic && form.get("client_id") && form.get("client_id") !== basic.username) return { failure: failures.invalidParameter("client_id", "It differs from the client in the Authorization header.") };
  const app = world.findApplication(clientId);
  if (!app) return { failure: failures.unknownClient(clientId, tenantLabel) };
  if (form.get("client_assertion")) return { failure: failures.clientAssertionUnsupported(app.appId) };
  const secret = basic?.password ?? form.get("client_secret");
  if (!secret) return { failure: failures.missingClientSecret() };
  if (!sameSecret(secret, app.secret)) return { failure: failures.invalidClientSecret(app.appId) };
  return { app };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
