import { errorResponse, handleRouteError } from "@/lib/auth/route";
import { getSetupProgress, verifyByResultToken, type SetupSubjectVerifier } from "@/lib/data/setup-progress";

// Public: the customer admin has no portal account. The verifier decides what the query may see.
const verify: SetupSubjectVerifier = verifyByResultToken;

export async function GET(request: Request): Promise<Response> {
  try {
    const subject = await verify(new URL(request.url).searchParams);
    if (!subject) return errorResponse(404, "not_found", "There is no setup to show for this link.");
    return Response.json(await getSetupProgress(subject), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return handleRouteError(error);
  }
}
