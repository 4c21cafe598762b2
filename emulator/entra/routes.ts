import type { IncomingMessage, ServerResponse } from "node:http";
import { sendHtml, sendJson } from "../http/respond.ts";
import type { World } from "../store/world.ts";
import { resolveAuthority } from "./authority.ts";
import { handleAdminConsentGet, handleAdminConsentPost } from "./admin-consent.ts";
import { handleAuthorizeGet, handleAuthorizePost } from "./authorize.ts";
import type { EntraRequest } from "./context.ts";
import { sendJwks, sendOpenIdConfiguration } from "./discovery.ts";
import { failures, sendEntraError } from "./errors.ts";
import { indexPage } from "./pages.ts";
import { handleLogout, handleUserInfo } from "./session-endpoints.ts";
import type { SigningKeys } from "./signing-keys.ts";
import { EntraState } from "./state.ts";
import { handleToken } from "./token-endpoint.ts";

export interface EntraHandler {
  /** Handles the request if it is an Entra path; returns false to let the caller answer 404. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<boolean>;
  state: EntraState;
}

export function createEntra(world: World, keys: SigningKeys): EntraHandler {
  const state = new EntraState(world);
  return {
    state,
    async handle(req, res, url, origin) {
      const r: EntraRequest = { ctx: { world, keys, state, origin }, req, res, url };
      const method = req.method ?? "GET";
      const path = url.pathname.replace(/\/+$/, "") || "/";
      if (path === "/" && method === "GET") {
        sendHtml(res, 200, indexPage({ origin, tenants: [...world.tenants.values()], applications: [...world.applications.values()] }));
        return true;
      }
      if (path === "/oidc/userinfo" && (method === "GET" || method === "POST")) {
        await handleUserInfo(r);
        return true;
      }
      const [, tenant, ...rest] = path.split("/");
      if (!tenant) return false;
      const route = rest.join("/");
      const is = (p: string, ...methods: string[]) => route === p && methods.includes(method);

      if (is("v2.0/.well-known/openid-configuration", "GET") || is(".well-known/openid-configuration", "GET")) {
        const authority = resolveAuthority(world, tenant);
        if (!authority) sendEntraError(res, failures.tenantNotFound(tenant), world.now(), origin);
        else sendOpenIdConfiguration(res, origin, authority);
        return true;
      }
      if (is("discovery/v2.0/keys", "GET") || is("discovery/keys", "GET")) {
        if (!resolveAuthority(world, tenant)) sendEntraError(res, failures.tenantNotFound(tenant), world.now(), origin);
        else sendJwks(res, keys);
        return true;
      }
      if (is("oauth2/v2.0/authorize", "GET")) return done(handleAuthorizeGet(r, tenant));
      if (is("oauth2/v2.0/authorize", "POST")) return done(await handleAuthorizePost(r, tenant));
      if (is("oauth2/v2.0/token", "POST")) return done(await handleToken(r, tenant));
      if (is("oauth2/v2.0/logout", "GET", "POST")) return done(handleLogout(r));
      if (is("v2.0/adminconsent", "GET")) return done(handleAdminConsentGet(r, tenant));
      if (is("v2.0/adminconsent", "POST")) return done(await handleAdminConsentPost(r, tenant));
      if (route.startsWith("oauth2/") || route.startsWith("v2.0/") || route.startsWith("discovery/")) {
        sendJson(res, 405, { error: "invalid_request", error_description: `${method} is not supported on ${path}` }, { allow: "GET, POST" });
        return true;
      }
      return false;
    },
  };
}

function done(_: void): true {
  return true;
}
