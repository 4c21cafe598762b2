import type { IncomingMessage, ServerResponse } from "node:http";
import type { World } from "../store/world.ts";
import type { SigningKeys } from "./signing-keys.ts";
import type { EntraState } from "./state.ts";
import { newErrorContext, describe, type EntraFailure } from "./errors.ts";
import { errorPage, formPostPage } from "./pages.ts";
import { redirect, sendHtml } from "../http/respond.ts";

/** What every Entra endpoint needs: the World, the signing key, transient state and the origin the client used. */
export interface EntraContext {
  world: World;
  keys: SigningKeys;
  state: EntraState;
  origin: string;
}

export interface EntraRequest {
  ctx: EntraContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

/** Errors before the redirect URI is trusted are shown on our page and never redirected. */
export function showErrorPage(r: EntraRequest, failure: EntraFailure): void {
  const details = newErrorContext(r.ctx.world.now());
  sendHtml(r.res, failure.status, errorPage(describe(failure, details), details));
}

/** Sends the browser back to a (validated) redirect URI with the given parameters. */
export function respondToClient(r: EntraRequest, redirectUri: string, params: Record<string, string | undefined>, mode: "query" | "form_post" = "query", headers: Record<string, string | string[]> = {}): void {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) fields[k] = v;
  if (mode === "form_post") {
    sendHtml(r.res, 200, formPostPage(redirectUri, fields), headers);
    return;
  }
  const target = new URL(redirectUri);
  for (const [k, v] of Object.entries(fields)) target.searchParams.set(k, v);
  redirect(r.res, target.toString(), headers);
}

/** An OAuth error redirect: `error`, `error_description` (AADSTS…), plus any extras such as `state`. */
export function redirectError(r: EntraRequest, redirectUri: string, failure: EntraFailure, extra: Record<string, string | undefined>, mode: "query" | "form_post" = "query"): void {
  const details = newErrorContext(r.ctx.world.now());
  respondToClient(r, redirectUri, { error: failure.error, error_description: describe(failure, details), ...extra }, mode);
}
