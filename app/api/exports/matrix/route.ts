import { withPermission } from "@/lib/auth/route";
import { csvResponse, csvStream, MATRIX_CSV_HEADER, matrixCsv } from "@/lib/data/access";
import { parseMatrixParams } from "@/lib/access/matrix-params";

export const dynamic = "force-dynamic";

/** The access matrix of the caller's workspace, one line per assignment in force, as a streamed CSV (the page's ?q=, tier= and filter=). */
export const GET = withPermission("access:read-all", async ({ request, user }) => {
  const { search, tier, filter } = parseMatrixParams(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  return csvResponse(`gatehouse-access-matrix-${now.toISOString().slice(0, 10)}.csv`, csvStream(MATRIX_CSV_HEADER, matrixCsv(user, { search, tier, filter }, now)));
});
