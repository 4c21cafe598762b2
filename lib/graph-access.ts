import "server-only";
import { env } from "@/lib/env";
import type { GraphAccessConfig } from "@/lib/graph/config";

/** The app registration lib/graph acts as, from the environment; null until it is configured. */
export function graphAccessFromEnv(): GraphAccessConfig | null {
  if (!env.ENTRA_CLIENT_ID || !env.ENTRA_CLIENT_SECRET) return null;
  return {
    authorityHost: env.ENTRA_AUTHORITY_HOST,
    graphBaseUrl: env.GRAPH_BASE_URL,
    clientId: env.ENTRA_CLIENT_ID,
    clientSecret: env.ENTRA_CLIENT_SECRET,
  };
}
