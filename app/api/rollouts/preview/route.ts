import { z } from "zod";
import { withPermission } from "@/lib/auth/route";
import { previewRolloutPage } from "@/lib/rollout/preview";

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** One page of the rollout preview: observes that page's tenants (reads only). */
export const GET = withPermission("provisioning:apply", async ({ request, user }) => {
  const { page } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const preview = await previewRolloutPage({ workspaceId: user.workspace.id, page });
  return Response.json(preview, { headers: { "Cache-Control": "no-store" } });
});
