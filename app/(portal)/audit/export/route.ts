// CSV of the audit events matching the page's filters, streamed batch by batch: the response
// starts at once and an export of any size never sits in memory.
import { errorResponse, withPermission } from "@/lib/auth/route";
import { actorNames, customerNames, streamAuditEvents } from "@/lib/data/audit";
import { auditCsvLine, CSV_HEADER, csvLine } from "@/lib/data/audit-csv";
import { parseAuditQuery } from "@/lib/data/audit-query";
import { customerIdOf } from "@/components/audit/wording";

export const dynamic = "force-dynamic";

export const GET = withPermission("audit:read", async ({ request, user }) => {
  const parsed = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return errorResponse(422, "invalid_input", `The filters are not valid: ${parsed.errors.join("; ")}`);
  // The whole filtered set, whatever page the viewer was on.
  const batches = streamAuditEvents(user, { ...parsed.query, cursor: undefined, dir: undefined });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark so spreadsheet programs read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_HEADER)}`));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) return controller.close();
        const [names, customers] = await Promise.all([
          actorNames(user, next.value.map((e) => e.actor)),
          customerNames(user, next.value.map((e) => customerIdOf(e.target)).filter((id): id is string => id !== null)),
        ]);
        controller.enqueue(encoder.encode(next.value.map((e) => auditCsvLine(e, names, customers)).join("")));
      } catch (error) {
        // Headers are gone already; the broken stream tells the browser the download failed.
        console.error("Audit export failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="gatehouse-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
