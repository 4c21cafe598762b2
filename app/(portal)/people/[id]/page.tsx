import { DaysLeftBadge } from "@/components/access/days-left-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { personAccess } from "@/lib/data/access";
import { NotFoundError } from "@/lib/errors";

export const metadata = { title: "Person" };
export const dynamic = "force-dynamic";

const STATE_TONE: Record<string, "success" | "danger" | "info" | "neutral"> = { delivered: "success", denied: "danger", pendingApproval: "info", submitted: "info" };

/** Graph's states in words: an assignment "delivered" is access granted, a request "delivered" was approved. */
function historyLabel(kind: "assignment" | "request", state: string): string {
  const words: Record<string, string> = kind === "assignment"
    ? { delivered: "Access granted", expired: "Access expired", delivering: "Being granted", deliveryFailed: "Grant failed" }
    : { pendingApproval: "Requested, waiting", submitted: "Requested", delivered: "Request approved", denied: "Request denied", canceled: "Request canceled", delivering: "Request approved" };
  return words[state] ?? `${kind === "assignment" ? "Assignment" : "Request"}: ${state}`;
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("access:read-all");
  const { id } = await params;
  const now = new Date();
  const data = await personAccess(user, id, now).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={data.person.name} description={`${data.person.email} · ${data.person.role}`} />
      <div className="grid gap-6">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Access in force across customers</CardTitle>
          </CardHeader>
          <CardContent>
            {data.current.length === 0 ? (
              <p className="text-sm text-slate-500">No access in force in any customer tenant.</p>
            ) : (
              <Table aria-label="Access in force">
                <TableHeader>
                  <TableRow>
                    <TableHead>Customer</TableHead>
                    <TableHead>Tier</TableHead>
                    <TableHead>Since</TableHead>
                    <TableHead>Ends</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.current.map((a, i) => (
                    <TableRow key={`${a.customerId}-${a.packageName}-${i}`}>
                      <TableCell>{a.customerName}</TableCell>
                      <TableCell>{a.tier ?? a.packageName}</TableCell>
                      <TableCell>{a.startAt ? <RelativeTime date={a.startAt} now={now} display="relative" /> : <span className="text-slate-400">Unknown</span>}</TableCell>
                      <TableCell>
                        <span className="flex flex-wrap items-center gap-2">
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
            <CardTitle>History</CardTitle>
          </CardHeader>
          <CardContent>
            {data.history.length === 0 ? (
              <p className="text-sm text-slate-500">No assignment or request seen in any customer tenant.</p>
            ) : (
              <ol className="grid gap-3" aria-label="Access history">
                {data.history.map((h, i) => (
                  <li key={i} className="text-sm break-words" data-testid="history-item">
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge tone={STATE_TONE[h.state] ?? "neutral"}>{historyLabel(h.kind, h.state)}</Badge>
                      <span className="font-medium text-slate-900">{h.customerName}</span>
                      <span className="text-slate-600">{h.tier ?? h.packageName}</span>
                      <RelativeTime date={h.at} now={now} display="relative" className="text-slate-500" />
                    </span>
                    {h.detail && <span className="block text-slate-700">“{h.detail}”</span>}
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
