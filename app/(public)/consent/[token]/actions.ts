"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { beginConsent } from "@/lib/onboarding/consent-start";
import { CONSENT_STATE_LIFETIME_MS } from "@/lib/onboarding/consent-state";
import { consentFlowCookie } from "@/lib/onboarding/flow-cookie";
import { consentResultPath } from "@/lib/onboarding/result-url";
import { consentStartLimit } from "@/lib/security/consent-start-limit";

/** The public "Grant consent at Microsoft" button: no session, the token is the credential. */
export async function startConsentAction(formData: FormData): Promise<void> {
  const token = formData.get("token");
  const limited = await consentStartLimit(token);
  if (limited) redirect(limited);
  const start = await beginConsent(typeof token === "string" ? token : "");
  if (start.ok) {
    (await cookies()).set(consentFlowCookie(start.codeVerifier, CONSENT_STATE_LIFETIME_MS / 1000));
    redirect(start.url);
  }
  const reason = start.reason;
  const outcome = reason === "not-configured" ? "not-configured" : reason === "unknown" || reason === "active" ? "invalid-state" : (`invite-${reason}` as const);
  redirect(consentResultPath({ outcome }));
}
