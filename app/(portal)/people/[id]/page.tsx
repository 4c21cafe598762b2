import { DaysLeftBadge } from "@/components/access/days-left-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { getPersonAccess } from "@/lib/data/person-access";
import { NotFoundError } from "@/lib/errors";

export const metadata = { title: "Person" };
export const dynamic = "force-dynamic";

const STATE_TONE: Record<string, "success" | "danger" | "info" | "neutral"> = { delivered: "success", denied: "danger", pendingApproval: "info" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("access:read-all");
  const { id } = await params;
  const data = await getPersonAccess(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const now = new Date();
  return (
    <>
      <PageHeader title={data.person.name} description={`${data.person.email} · ${data.person.role}`} />
      <div className="grid gap-6">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Access across customers</CardTitle>
          </CardHeader>
          <CardContent>
            {data.assignments.length === 0 ? (
              <p className="text-sm text-slate-500">No access package assignment in any customer tenant.</p>
            ) : (
              <Table aria-label="Assignments">
                <TableHeader>
                  <TableRow>
                    <TableHead>Customer</TableHead>
                    <TableHead>Package</TableHead>
                    <TableHead>State</TableHead>
                    <TableHead>Ends</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.assignments.map((a) => (
                    <TableRow key={a.id}>
                      <TableCell>{a.customerName}</TableCell>
                      <TableCell>{a.tier ?? a.packageName}</TableCell>
                      <TableCell>
                        <Badge tone={STATE_TONE[a.state] ?? "neutral"}>{a.state}</Badge>
                      </TableCell>
                      <TableCell>
                        <span className="flex items-center gap-2">
                          <DaysLeftBadge expiresAt={a.expiresAt} now={now} />
                          {a.expiresAt && <RelativeTime date={a.expiresAt} now={now} display="relative" className="text-xs text-slate-500" />}
                        </span>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>History of requests</CardTitle>
          </CardHeader>
          <CardContent>
            {data.history.length === 0 ? (
              <p className="text-sm text-slate-500">No request seen in any customer tenant.</p>
            ) : (
              <ol className="grid gap-3" aria-label="Request history">
                {data.history.map((r) => (
                  <li key={r.id} className="text-sm break-words">
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge tone={STATE_TONE[r.state] ?? "neutral"}>{r.state}</Badge>
                      <span className="font-medium text-slate-900">{r.customerName}</span>
                      <span className="text-slate-600">{r.packageName}</span>
                    </span>
                    <span className="block text-slate-500">
                      Requested <RelativeTime date={r.requestedAt} now={now} display="relative" />
                      {r.completedAt && (
                        <>
                          {" "}· completed <RelativeTime date={r.completedAt} now={now} display="relative" />
                        </>
                      )}
                    </span>
                    {r.justification && <span className="block text-slate-700">“{r.justification}”</span>}
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
