import { NextResponse, type NextRequest } from "next/server";
import { handleAdminSignIn } from "@/lib/onboarding/consent-sign-in";
import { CONSENT_FLOW_COOKIE, consentFlowCookie } from "@/lib/onboarding/flow-cookie";
import { consentResultPath } from "@/lib/onboarding/result-url";

export const dynamic = "force-dynamic";

/** The customer admin's OpenID sign-in returns here; next is Microsoft's admin-consent step. */
export async function GET(request: NextRequest): Promise<Response> {
  const query = request.nextUrl.searchParams;
  const value = (name: string) => query.get(name) ?? undefined;
  const outcome = await handleAdminSignIn(
    { code: value("code"), state: value("state"), error: value("error"), errorDescription: value("error_description") },
    request.cookies.get(CONSENT_FLOW_COOKIE)?.value,
  );
  const target = outcome.next === "consent" ? outcome.url : new URL(consentResultPath(outcome.result), request.nextUrl.origin);
  const response = NextResponse.redirect(target, { status: 303 });
  // The verifier served its one sign-in.
  response.cookies.set(consentFlowCookie("", 0));
  return response;
}
