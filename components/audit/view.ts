// The audit rows as the page shows them: worded on the server, plain data for client components.
import type { AuditEventDto } from "@/lib/data/audit";
import { actionLabel, actorLabel, customerIdOf, detailFields, repeatCount, type DetailField } from "./wording";

export interface AuditRowView {
  id: string;
  at: string;
  actor: string;
  actorLabel: string;
  action: string;
  actionLabel: string;
  customer: { id: string; name: string } | null;
  target: string | null;
  fields: DetailField[];
  repeat: number | null;
  /** the latest of the collapsed repeats, when the event stands for several */
  lastAt: string | null;
  json: string;
}

export function auditRowViews(events: AuditEventDto[], names: ReadonlyMap<string, string>, customers: ReadonlyMap<string, string> = new Map()): AuditRowView[] {
  return events.map((event) => {
    const customerId = customerIdOf(event.target);
    return {
      id: event.id,
      at: event.at.toISOString(),
      actor: event.actor,
      actorLabel: actorLabel(event.actor, event.details, names),
      action: event.action,
      actionLabel: actionLabel(event.action),
      // A deleted customer keeps its events; it is then shown by id, without a link.
      customer: customerId ? { id: customerId, name: customers.get(customerId) ?? "" } : null,
      target: event.target,
      fields: detailFields(event.details),
      // Identical refusals collapse into one row with a count (lib/audit/record.ts).
      repeat: event.repeatCount > 1 ? event.repeatCount : repeatCount(event.details),
      lastAt: event.repeatCount > 1 ? event.lastAt.toISOString() : null,
      json: JSON.stringify(event.details ?? {}, null, 2),
    };
  });
}
