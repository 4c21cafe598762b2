import { withPermission } from "@/lib/auth/route";
import { previewProvisioning } from "@/lib/data/provisioning-plan";

/** The plan as it stands now: read-only against the tenant, nothing is written. */
export const GET = withPermission<{ id: string }>("provisioning:apply", async ({ user, params }) => {
  const plan = await previewProvisioning(user, params.id);
  return Response.json(plan, { headers: { "Cache-Control": "no-store" } });
});
