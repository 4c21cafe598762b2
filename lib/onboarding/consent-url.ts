// Pure: Microsoft's v2 admin-consent URL (GRAPH-API.md §1.1). `/.default` asks for every
// application permission configured on the app registration.
export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

export function adminConsentUrl(options: {
  authorityHost: string;
  customerDomain: string;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const url = new URL(`/${encodeURIComponent(options.customerDomain)}/v2.0/adminconsent`, options.authorityHost);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("scope", GRAPH_DEFAULT_SCOPE);
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("state", options.state);
  return url.toString();
}

export function consentCallbackUri(appUrl: string): string {
  return new URL("/api/consent/callback", appUrl).toString();
}
