import { withPermission } from "@/lib/auth/route";
import { getProvisioningView } from "@/lib/data/provisioning";

/** The Provisioning section polls this while a run is going: status, steps, package links. */
export const GET = withPermission<{ id: string }>("customers:read", async ({ user, params }) => {
  const view = await getProvisioningView(user, params.id);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
