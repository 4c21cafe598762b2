// One CSV line per audit event, in the words of the page. Pure; the export route streams it.
import { actionLabel, actorLabel, customerIdOf, detailFields, detailText } from "@/components/audit/wording";
import type { AuditEventDto } from "./audit";

export const CSV_HEADER = ["Time (UTC)", "Who", "Actor ID", "Action", "Action code", "Customer", "Customer ID", "Target", "Details", "Details (JSON)"];

/**
 * Quotes a cell; a leading = + - @ (or tab/CR) is prefixed with an apostrophe so a spreadsheet
 * never runs a value someone typed (a customer name, a UPN) as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function auditCsvLine(event: AuditEventDto, names: ReadonlyMap<string, string>, customers: ReadonlyMap<string, string>): string {
  const customerId = customerIdOf(event.target);
  const fields = detailFields(event.details);
  return csvLine([
    event.at.toISOString(),
    actorLabel(event.actor, event.details, names),
    event.actor,
    actionLabel(event.action),
    event.action,
    customerId ? (customers.get(customerId) ?? "") : "",
    customerId ?? "",
    event.target ?? "",
    fields.map((f) => `${f.label}: ${detailText(f.value)}`).join("; "),
    JSON.stringify(event.details ?? {}),
  ]);
}
