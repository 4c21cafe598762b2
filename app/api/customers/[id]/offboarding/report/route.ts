import { withPermission } from "@/lib/auth/route";
import { readReport, reportText } from "@/lib/offboarding";

/** The offboarding report as a text file (`?format=json` for the structured form). */
export const GET = withPermission<{ id: string }>("customers:read", async ({ user, params, request }) => {
  const report = await readReport(user.workspace.id, params.id);
  const name = `gatehouse-offboarding-${report.customer.primaryDomain}.${new URL(request.url).searchParams.get("format") === "json" ? "json" : "txt"}`;
  const headers = { "Cache-Control": "no-store", "Content-Disposition": `attachment; filename="${name}"` };
  if (name.endsWith(".json")) return Response.json(report, { headers });
  return new Response(reportText(report), { headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
});
