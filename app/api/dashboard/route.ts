import { withPermission } from "@/lib/auth/route";
import { parseExpiryWindow } from "@/lib/access/urgency";
import { dashboardView, parseExpirySort } from "@/lib/data/access";
import { parseSince } from "@/lib/utils/since-param";

export const dynamic = "force-dynamic";

/** The dashboard's data, polled by the page so it refreshes itself (and follows "Sync now"). */
export const GET = withPermission("dashboard:read", async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const view = await dashboardView(user, {
    withinDays: parseExpiryWindow(params.get("window")),
    sort: parseExpirySort(params.get("sort")),
    since: parseSince(params.get("since")),
  });
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
