import { withPermission } from "@/lib/auth/route";
import { getFleetDriftView } from "@/lib/data/drift";
import { requestDriftChecks } from "@/lib/jobs/drift-requests";
import { parseSince } from "@/lib/utils/since-param";

export const dynamic = "force-dynamic";

/** The fleet drift view, polled by /drift (with `since`: the progress of a "Check all now"). */
export const GET = withPermission("customers:read", async ({ request, user }) => {
  const view = await getFleetDriftView(user.workspace.id, parseSince(new URL(request.url).searchParams.get("since")));
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});

/** "Check all now": queues a drift check of every provisioned customer of the caller's workspace. */
export const POST = withPermission("provisioning:apply", async ({ user }) => {
  const startedAt = new Date();
  const result = await requestDriftChecks(user.workspace.id);
  return Response.json({ ...result, startedAt: startedAt.toISOString() }, { status: 202, headers: { "Cache-Control": "no-store" } });
});
