import { withPermission } from "@/lib/auth/route";
import { parseExpiryWindow } from "@/lib/access/urgency";
import { parseExpirySort } from "@/lib/data/access-matrix";
import { getDashboardView } from "@/lib/data/dashboard-view";

export const dynamic = "force-dynamic";

/** The dashboard's data, polled by the page so it refreshes itself. */
export const GET = withPermission("dashboard:read", async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const sinceRaw = params.get("since");
  const since = sinceRaw ? new Date(sinceRaw) : null;
  const view = await getDashboardView(user, {
    windowDays: parseExpiryWindow(params.get("window")),
    sort: parseExpirySort(params.get("sort")),
    since: since && !Number.isNaN(since.getTime()) ? since : null,
  });
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
