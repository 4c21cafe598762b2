"use server";

import { redirect } from "next/navigation";
import { beginConsent } from "@/lib/onboarding/consent-start";
import { consentStartLimit } from "@/lib/security/consent-start-limit";

/** The public "Grant consent at Microsoft" button: no session, the token is the credential. */
export async function startConsentAction(formData: FormData): Promise<void> {
  const token = formData.get("token");
  const limited = await consentStartLimit(token);
  if (limited) redirect(limited);
  const start = await beginConsent(typeof token === "string" ? token : "");
  if (start.ok) redirect(start.url);
  redirect(`/consent/result?outcome=${start.reason === "not-configured" ? "not-configured" : `invite-${start.reason}`}`);
}
