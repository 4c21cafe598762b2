import { withPermission } from "@/lib/auth/route";
import { parseExpiryWindow } from "@/lib/access/urgency";
import { csvResponse, csvStream, EXPIRY_CSV_HEADER, expiriesCsv, parseExpirySort } from "@/lib/data/access";

export const dynamic = "force-dynamic";

/** The upcoming expiries of the caller's workspace as a streamed CSV (?window=7|30|60|90&sort=expires|customer|tier|person). */
export const GET = withPermission("dashboard:read", async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const window = parseExpiryWindow(params.get("window"));
  const now = new Date();
  const rows = expiriesCsv(user, window, parseExpirySort(params.get("sort")), now);
  return csvResponse(`gatehouse-expiries-${window}d-${now.toISOString().slice(0, 10)}.csv`, csvStream(EXPIRY_CSV_HEADER, rows));
});
