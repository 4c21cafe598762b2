import "server-only";
import { Client, GraphClientError } from "@microsoft/microsoft-graph-client";
import { acquireAppToken } from "./app-tokens";
import type { GraphAccessConfig } from "./config";
import { GraphError, type TokenError } from "./errors";
import { toGraphError, toTokenError, unwrapTokenError } from "./error-mapping";

export type { Client as GraphClient } from "@microsoft/microsoft-graph-client";

export interface GraphClientSource {
  /** `https://graph.microsoft.com` or the emulator's origin */
  graphBaseUrl: string;
  /** the tenant the client acts in; named in token errors */
  tenantId: string;
  getAccessToken: () => Promise<string>;
}

/**
 * A Graph client over the SDK's default middleware chain, whose RetryHandler retries 429,
 * 503 and 504 up to 3 times and waits for `Retry-After` when Graph sends one.
 */
export function createGraphClient(source: GraphClientSource): Client {
  const baseUrl = new URL(source.graphBaseUrl);
  return Client.init({
    baseUrl: baseUrl.origin,
    defaultVersion: "v1.0",
    // The SDK attaches the token only for graph.microsoft.com and these hostnames (no port).
    // Without the emulator's host here every call would silently go out unauthenticated.
    // A nextLink on any other host therefore never receives our token.
    customHosts: new Set([baseUrl.hostname]),
    authProvider: (done) => {
      source.getAccessToken().then(
        (token) => done(null, token),
        (error: unknown) => done(carryTokenError(toTokenError(error, source.tenantId)), null),
      );
    },
  });
}

/** The SDK rethrows a GraphClientError untouched, so the TokenError survives the trip. */
function carryTokenError(error: TokenError): GraphClientError {
  const carrier = new GraphClientError(error.message);
  carrier.customError = error;
  return carrier;
}

/** A client acting in `tenantId` with the app's own (client-credentials) token. */
export function graphClientFor(config: GraphAccessConfig, tenantId: string): Client {
  return createGraphClient({
    graphBaseUrl: config.graphBaseUrl,
    tenantId,
    getAccessToken: async () => (await acquireAppToken(config, tenantId)).accessToken,
  });
}

/** Runs one SDK call; a failure leaves as TokenError (no token) or GraphError (anything else). */
export async function withGraphErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw unwrapTokenError(error) ?? toGraphError(error);
  }
}

// `path` is relative to the version (`/groups/{id}`) or an absolute Graph URL (a nextLink).
export function graphGet<T>(client: Client, path: string): Promise<T> {
  return withGraphErrors(() => client.api(path).get() as Promise<T>);
}

export function graphPost<T>(client: Client, path: string, body: unknown): Promise<T> {
  return withGraphErrors(() => client.api(path).post(body) as Promise<T>);
}

export function graphPatch<T = void>(client: Client, path: string, body: unknown): Promise<T> {
  return withGraphErrors(() => client.api(path).patch(body) as Promise<T>);
}

export function graphPut<T = void>(client: Client, path: string, body: unknown): Promise<T> {
  return withGraphErrors(() => client.api(path).put(body) as Promise<T>);
}

export async function graphDelete(client: Client, path: string): Promise<void> {
  await withGraphErrors(() => client.api(path).delete() as Promise<unknown>);
}

interface CollectionPage<T> {
  value?: T[];
  "@odata.nextLink"?: string;
}

/** Every item of a collection, following `@odata.nextLink` until Graph stops sending one. */
export async function listAll<T>(client: Client, path: string): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = path;
  while (next !== undefined) {
    // A server that hands back a link it already gave would otherwise keep us here forever.
    if (seen.has(next)) throw new GraphError(`Graph returned the same nextLink twice: ${next}`, { status: 0, code: "nextLinkLoop" });
    seen.add(next);
    const page: CollectionPage<T> = await graphGet<CollectionPage<T>>(client, next);
    items.push(...(page.value ?? []));
    next = page["@odata.nextLink"];
  }
  return items;
}
