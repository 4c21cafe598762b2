import { withPermission } from "@/lib/auth/route";
import { getRolloutView } from "@/lib/data/rollouts";

/** The rollout page polls this while the rollout runs: counts, running and failed customers. */
export const GET = withPermission<{ id: string }>("provisioning:apply", async ({ user, params }) => {
  const view = await getRolloutView(user, params.id);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
