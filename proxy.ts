import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { consentLimits } from "@/lib/security/consent-limits";
import {
  contentSecurityPolicy,
  generateNonce,
  referrerPolicy,
  STATIC_SECURITY_HEADERS,
  strictTransportSecurity,
} from "@/lib/security/headers";
import { requestClientAddress } from "@/lib/security/request-address";
import { tooManyRequestsResponse } from "@/lib/security/too-many-requests";

// Runs before every page and route handler: gives each response its security headers (a fresh
// CSP nonce per request), rate-limits the public consent edges, and sends visitors without a
// session cookie to the sign-in page. Real authorization happens next to the data
// (lib/auth/current-user.ts and the wrappers).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PORTAL_PATHS = /^\/(dashboard|customers|approvals|access|people|launchpad|me|audit|settings)(\/|$)/;
// The consent page (not its result page) and Microsoft's two redirects back (after the admin's
// sign-in, and after admin consent). The start action is limited in the action itself: an
// action's fetch cannot render a 429 page.
const CONSENT_PAGE = /^\/consent\/(?!result(?:\/|$))([^/]+)\/?$/;
const CONSENT_RETURNS = new Set(["/api/consent/callback", "/api/consent/signed-in"]);

const hsts = strictTransportSecurity(env.AUTH_URL);
const formTargets = [new URL(env.ENTRA_AUTHORITY_HOST).origin];

function secure(response: NextResponse | Response, pathname: string, csp: string): Response {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set("Referrer-Policy", referrerPolicy(pathname));
  response.headers.set("Content-Security-Policy", csp);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

async function consentLimit(request: NextRequest): Promise<number | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const { pathname, searchParams } = request.nextUrl;
  const address = requestClientAddress(request.headers);
  const page = CONSENT_PAGE.exec(pathname);
  const decision = page
    ? await consentLimits().check("page", { address, inviteToken: decodeURIComponent(page[1] ?? "") })
    : CONSENT_RETURNS.has(pathname)
      ? await consentLimits().check("callback", { address, state: searchParams.get("state") ?? undefined })
      : null;
  return decision && !decision.allowed ? decision.retryAfterSeconds : null;
}

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  const nonce = generateNonce();
  const csp = contentSecurityPolicy({ nonce, dev: env.NODE_ENV === "development", formTargets, https: Boolean(hsts) });

  const retryAfter = await consentLimit(request);
  if (retryAfter !== null) return secure(tooManyRequestsResponse(retryAfter, nonce), pathname, csp);

  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (PORTAL_PATHS.test(pathname) && !hasSession) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${request.nextUrl.search}`);
    return secure(NextResponse.redirect(signIn), pathname, csp);
  }

  // Next.js reads the nonce from the request's CSP header and stamps it on its scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }), pathname, csp);
}

export const config = {
  // Everything but Next's immutable build assets (next.config.ts gives those their headers).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
