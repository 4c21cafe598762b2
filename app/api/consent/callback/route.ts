import { NextResponse, type NextRequest } from "next/server";
import { handleConsentCallback } from "@/lib/onboarding/consent-callback";
import { consentResultPath } from "@/lib/onboarding/result-url";

export const dynamic = "force-dynamic";

/** Microsoft's admin-consent redirect lands here (GRAPH-API.md §1.1). */
export async function GET(request: NextRequest): Promise<Response> {
  const query = request.nextUrl.searchParams;
  const value = (name: string) => query.get(name) ?? undefined;
  const result = await handleConsentCallback({
    error: value("error"),
    errorDescription: value("error_description"),
    state: value("state"),
    tenant: value("tenant"),
    scope: value("scope"),
  });
  return NextResponse.redirect(new URL(consentResultPath(result), request.nextUrl.origin), { status: 303 });
}
