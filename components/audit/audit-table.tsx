import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEventDto } from "@/lib/data/audit";

const ACTOR_LABELS: Record<string, string> = {
  system: "Gatehouse",
  "customer-admin": "Customer admin",
  "consent-link": "Consent link holder (not signed in)",
  anonymous: "Unknown visitor",
};

/** A customer admin proven by their ID token: named by the UPN the event recorded. */
function customerAdminLabel(details: unknown): string {
  const d = (details ?? {}) as { upn?: unknown; grantedBy?: { upn?: unknown } };
  const upn = typeof d.grantedBy?.upn === "string" ? d.grantedBy.upn : typeof d.upn === "string" ? d.upn : null;
  return upn ? `Customer admin ${upn}` : "Customer admin";
}

const MAX_VALUE = 160;

function show(value: unknown): string {
  const text = Array.isArray(value) ? value.join(", ") : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function summarize(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(" · ");
}

export function AuditTable({ events, names }: { events: AuditEventDto[]; names: Map<string, string> }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.length === 0 && <TableEmpty colSpan={4}>No events recorded yet.</TableEmpty>}
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className="whitespace-nowrap text-slate-600">
              <RelativeTime date={event.at} display="both" />
              {event.repeatCount > 1 && (
                <span className="block text-xs text-slate-500">
                  {event.repeatCount.toLocaleString("en")} times, last <RelativeTime date={event.lastAt} display="relative" />
                </span>
              )}
            </TableCell>
            <TableCell>
              {names.get(event.actor) ??
                ACTOR_LABELS[event.actor] ??
                (event.actor.startsWith("customer-admin:") ? customerAdminLabel(event.details) : event.actor)}
            </TableCell>
            <TableCell className="font-mono text-xs">{event.action}</TableCell>
            <TableCell className="max-w-md break-words text-xs text-slate-600">{summarize(event.details)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
