import "server-only";

/**
 * Where and as whom lib/graph talks to Microsoft. Passed in as plain values (never read from
 * the environment here) so the same code serves the portal, the worker and tests against the
 * local emulator.
 */
export interface GraphAccessConfig {
  /** `https://login.microsoftonline.com`, a sovereign cloud's login host, or the emulator's origin */
  authorityHost: string;
  /** `https://graph.microsoft.com`, a sovereign cloud's Graph host, or the emulator's origin (no version) */
  graphBaseUrl: string;
  /** the multi-tenant app registration's application (client) id */
  clientId: string;
  clientSecret: string;
}

// MSAL ships endpoint metadata for these hosts; any other host must be declared as a known
// authority, or MSAL first asks login.microsoftonline.com for instance discovery (offline: fails).
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.microsoftonline.de",
  "login.chinacloudapi.cn",
  "login.windows.net",
  "login.microsoft.com",
  "sts.windows.net",
]);

const MICROSOFT_GRAPH_HOSTS = new Set(["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"]);

export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
}

/**
 * The app-only scope: `/.default` asks for every application permission consented in the
 * tenant. A sovereign cloud's Graph is its own resource; a non-Microsoft host (the emulator)
 * stands in for the global one.
 */
export function graphAppScope(config: GraphAccessConfig): string {
  const url = new URL(config.graphBaseUrl);
  const resource = MICROSOFT_GRAPH_HOSTS.has(url.hostname.toLowerCase()) ? url.origin : "https://graph.microsoft.com";
  return `${resource}/.default`;
}
