import { withPermission } from "@/lib/auth/route";
import { csvResponse, csvStream } from "@/lib/access/csv";
import { matrixCsv } from "@/lib/data/exports";

export const dynamic = "force-dynamic";

/** The access matrix of the caller's workspace (staff × customers) as a streamed CSV (?q= filters people). */
export const GET = withPermission("access:read-all", async ({ request, user }) => {
  const search = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? undefined;
  const now = new Date();
  const { header, rows } = await matrixCsv(user, search, now);
  return csvResponse(`gatehouse-access-matrix-${now.toISOString().slice(0, 10)}.csv`, csvStream(header, rows));
});
