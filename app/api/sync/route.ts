import { withPermission } from "@/lib/auth/route";
import { requestSync } from "@/lib/sync/requests";

export const dynamic = "force-dynamic";

/** "Sync now": queues a sync of every consented customer of the caller's workspace. */
export const POST = withPermission("dashboard:read", async ({ user }) => {
  const startedAt = new Date();
  const result = await requestSync(user.workspace.id);
  return Response.json({ ...result, startedAt: startedAt.toISOString() }, { status: 202, headers: { "Cache-Control": "no-store" } });
});
