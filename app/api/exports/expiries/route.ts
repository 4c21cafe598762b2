import { withPermission } from "@/lib/auth/route";
import { csvResponse, csvStream } from "@/lib/access/csv";
import { parseExpiryWindow } from "@/lib/access/urgency";
import { EXPIRY_HEADER, expiryRows } from "@/lib/data/exports";

export const dynamic = "force-dynamic";

/** The upcoming expiries of the caller's workspace as a streamed CSV (?window=7|30|60|90). */
export const GET = withPermission("dashboard:read", async ({ request, user }) => {
  const window = parseExpiryWindow(new URL(request.url).searchParams.get("window"));
  const now = new Date();
  return csvResponse(`gatehouse-expiries-${window}d-${now.toISOString().slice(0, 10)}.csv`, csvStream(EXPIRY_HEADER, expiryRows(user, window, now)));
});
