// Pure: the security headers of every response. next.config.ts applies the static ones to every
// route (static assets included); proxy.ts adds the per-request CSP and, from AUTH_URL at run
// time, HSTS (next.config's headers are fixed at build time).

/** Pages where a customer's consent token is in the URL: no Referer may carry it elsewhere. */
export const NO_REFERRER_SOURCES = ["/consent/:path*", "/api/consent/:path*"] as const;

export function isNoReferrerPath(pathname: string): boolean {
  return pathname === "/consent" || pathname.startsWith("/consent/") || pathname.startsWith("/api/consent/");
}

export function referrerPolicy(pathname: string): string {
  return isNoReferrerPath(pathname) ? "no-referrer" : "strict-origin-when-cross-origin";
}

/** Headers that depend on nothing but the path. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // frame-ancestors 'none' in the CSP is the standard; this covers browsers and responses without it.
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export interface CspOptions {
  nonce: string;
  /** `next dev` evaluates code and injects styles for hot reload. */
  dev: boolean;
  /** Where forms may go: sign-in and consent end in a redirect to the Entra authority. */
  formTargets: readonly string[];
  https: boolean;
}

/**
 * A nonce-based policy as Next.js documents for the App Router: Next reads the nonce from the
 * request's CSP header and puts it on its own scripts; 'strict-dynamic' lets those load the
 * chunks they need, and nothing else runs.
 */
export function contentSecurityPolicy({ nonce, dev, formTargets, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    `style-src-elem 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Style attributes cannot run code, and Radix renders some on the server (the toast
    // region's pointer-events, visually hidden labels). <style> elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((target) => ` ${target}`).join("")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function strictTransportSecurity(authUrl: string): string | null {
  return new URL(authUrl).protocol === "https:" ? "max-age=63072000; includeSubDomains" : null;
}

/** A fresh, unguessable nonce per request (128 bits). */
export function generateNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
