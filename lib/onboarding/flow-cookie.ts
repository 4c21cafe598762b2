import "server-only";
import { env } from "@/lib/env";

/**
 * The PKCE verifier of the attempt this browser started. Only the browser that pressed "Grant
 * consent" can redeem the sign-in code, so a sign-in finished elsewhere proves nothing here.
 * SameSite=Lax: the authority's redirect back is a top-level GET, which carries it.
 */
export const CONSENT_FLOW_COOKIE = "gatehouse-consent-flow";

export function consentFlowCookie(value: string, maxAgeSeconds: number) {
  return {
    name: CONSENT_FLOW_COOKIE,
    value,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: new URL(env.AUTH_URL).protocol === "https:",
    path: "/api/consent",
    maxAge: maxAgeSeconds,
  };
}
