import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { actorNames, listAuditEvents } from "@/lib/data/audit";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await requirePagePermission("audit:read");
  const events = await listAuditEvents(user);
  const names = await actorNames(user, events.map((e) => e.actor));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every sign-in in this workspace, newest first. Events are append-only."
      />
      <AuditTable events={events} names={names} />
    </>
  );
}
