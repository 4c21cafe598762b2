// Pure: Microsoft's v2 admin-consent URL (GRAPH-API.md §1.1). `/.default` asks for every
// application permission configured on the app registration.
export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

export function adminConsentUrl(options: {
  authorityHost: string;
  /** the tenant id the admin's ID token proved: consent is asked for exactly that tenant */
  tenant: string;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const url = new URL(`/${encodeURIComponent(options.tenant)}/v2.0/adminconsent`, options.authorityHost);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("scope", GRAPH_DEFAULT_SCOPE);
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("state", options.state);
  return url.toString();
}

export function consentCallbackUri(appUrl: string): string {
  return new URL("/api/consent/callback", appUrl).toString();
}

/** Where the admin's OpenID sign-in returns, before the admin-consent step. */
export function adminSignInRedirectUri(appUrl: string): string {
  return new URL("/api/consent/signed-in", appUrl).toString();
}
