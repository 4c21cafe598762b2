import { AuditTable } from "@/components/audit/audit-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { listAuditEvents } from "@/lib/data/audit";

type AuditEvents = Awaited<ReturnType<typeof listAuditEvents>>;

export function CustomerAudit({ events, names }: { events: AuditEvents; names: Parameters<typeof AuditTable>[0]["names"] }) {
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>Audit trail</CardTitle>
      </CardHeader>
      <CardContent>
        <AuditTable events={events} names={names} />
      </CardContent>
    </Card>
  );
}
