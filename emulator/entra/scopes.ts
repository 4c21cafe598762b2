import { GRAPH_APP_ID, GRAPH_RESOURCE } from "./tokens.ts";

export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

export function splitScopes(scope: string): string[] {
  return scope.split(/\s+/).filter(Boolean);
}

const GRAPH_PREFIXES = [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`];

/** Which resource a client-credentials scope names; only Graph exists in this emulator. */
export function clientCredentialsResource(scope: string): { graph: true } | { graph: false; resource: string; isDefault: boolean } {
  const isDefault = scope.endsWith("/.default");
  const resource = isDefault ? scope.slice(0, -"/.default".length) : scope.replace(/\/[^/]*$/, "");
  if (isDefault && (resource === GRAPH_RESOURCE || resource === GRAPH_APP_ID || resource === `${GRAPH_RESOURCE}/`)) return { graph: true };
  return { graph: false, resource, isDefault };
}

/**
 * Delegated Graph permissions from a user-flow scope list: `User.Read`,
 * `https://graph.microsoft.com/User.Read`, or `/.default` (treated as User.Read; the
 * emulator does not model delegated consent).
 */
export function delegatedGraphScopes(scopes: string[]): string[] {
  const result: string[] = [];
  for (const s of scopes) {
    if ((OIDC_SCOPES as readonly string[]).includes(s)) continue;
    const prefix = GRAPH_PREFIXES.find((p) => s.startsWith(p));
    const name = prefix ? s.slice(prefix.length) : s;
    if (!name || name === ".default") continue;
    if (!result.includes(name)) result.push(name);
  }
  return result.length > 0 ? result : ["User.Read"];
}
