import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { graphAccessFromEnv } from "@/lib/graph-access";
import { oneLine, type GuestLeft } from "./remove";

/** The offboarding report: what was removed, what was already gone, what could not be removed and why. */

export interface ReportItem {
  key: string;
  kind: string;
  title: string;
  detail?: string;
  requestIds: string[];
}

export interface OffboardingReport {
  customer: { id: string; displayName: string; primaryDomain: string; tenantId: string | null; status: string };
  runId: string | null;
  runStatus: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  removed: ReportItem[];
  alreadyGone: ReportItem[];
  leftInPlace: ReportItem[];
  notRemoved: (ReportItem & { reason: string })[];
  /** steps not reached yet (a failure before them, or a stop) */
  pending: ReportItem[];
  /** the one thing Gatehouse cannot do for itself: its own enterprise app in the customer tenant */
  enterpriseApp: { instructions: string[]; href: string | null };
  /** guest accounts of the people whose assignments offboarding ended: still in the tenant */
  guests: { accounts: GuestLeft[]; instructions: string[] };
}

/** Ending an assignment leaves the guest account entitlement management made for it. */
export function guestInstructions(count: number): string[] {
  if (count === 0) return [];
  return [
    `Ending the assignments did not delete the ${count === 1 ? "guest account" : `${count} guest accounts`} entitlement management made for MSSP staff in the customer tenant.`,
    "Entitlement management deletes them itself only if the tenant's setting for external users who lose their last assignment says so (Identity Governance → Entitlement management → Settings).",
    "Otherwise the customer's administrator deletes them: Microsoft Entra admin center → Identity → Users → All users, filter User type = Guest, select them, Delete.",
  ];
}

export function enterpriseAppInstructions(tenantId: string | null, clientId: string | null): OffboardingReport["enterpriseApp"] {
  const href = tenantId && clientId ? `https://entra.microsoft.com/${tenantId}/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Properties/appId/${clientId}` : null;
  return {
    href,
    instructions: [
      "Gatehouse cannot delete its own access: the customer's administrator removes the Gatehouse enterprise application.",
      `Sign in to the Microsoft Entra admin center as a Global or Cloud Application Administrator of the customer tenant${tenantId ? ` (${tenantId})` : ""}.`,
      `Go to Identity → Applications → Enterprise applications, open Gatehouse${clientId ? ` (application ID ${clientId})` : ""}, choose Properties, then Delete.`,
      clientId ? `Or in PowerShell: Connect-MgGraph -Scopes Application.ReadWrite.All; Get-MgServicePrincipal -Filter "appId eq '${clientId}'" | Remove-MgServicePrincipal` : "Or remove the service principal with Remove-MgServicePrincipal.",
    ],
  };
}

export async function readReport(workspaceId: string, customerId: string, options: { clientId?: string | null } = {}): Promise<OffboardingReport> {
  const customer = await db.customer.findFirst({ where: { id: customerId, workspaceId }, select: { id: true, displayName: true, primaryDomain: true, tenantId: true, status: true } });
  if (!customer) throw new NotFoundError("The customer");
  const run = await db.provisioningRun.findFirst({
    where: { workspaceId, customerId, trigger: "offboard" },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, startedAt: true, finishedAt: true, steps: { orderBy: { position: "asc" }, select: { key: true, kind: true, title: true, reason: true, action: true, status: true, errorCode: true, errorMessage: true, requestIds: true, change: true } } },
  });
  const report: OffboardingReport = {
    customer, runId: run?.id ?? null, runStatus: run?.status ?? null,
    startedAt: run?.startedAt?.toISOString() ?? null, finishedAt: run?.finishedAt?.toISOString() ?? null,
    removed: [], alreadyGone: [], leftInPlace: [], notRemoved: [], pending: [], guests: { accounts: [], instructions: [] },
    enterpriseApp: enterpriseAppInstructions(customer.tenantId, options.clientId ?? graphAccessFromEnv()?.clientId ?? null),
  };
  const guests = new Map<string, GuestLeft>();
  for (const step of run?.steps ?? []) {
    for (const guest of guestsRecorded(step.change)) guests.set(guest.objectId, guest);
    const item: ReportItem = { key: step.key, kind: step.kind, title: step.title, requestIds: step.requestIds };
    if (step.status === "succeeded") report.removed.push({ ...item, ...(step.reason.startsWith("Gatehouse created") ? {} : { detail: step.reason }) });
    else if (step.status === "skipped" && step.errorCode === "leftInPlace") report.leftInPlace.push({ ...item, detail: step.reason });
    else if (step.status === "skipped") report.alreadyGone.push(item);
    else if (step.status === "failed") report.notRemoved.push({ ...item, reason: `${step.errorMessage ?? "unknown error"}${step.errorCode ? ` (${step.errorCode})` : ""}` });
    else report.pending.push({ ...item, ...(step.errorMessage ? { detail: step.errorMessage } : {}) });
  }
  report.guests = { accounts: [...guests.values()], instructions: guestInstructions(guests.size) };
  return report;
}

/** The guests an assignments step recorded (`change.guests`), ignoring anything malformed. */
export function guestsRecorded(change: unknown): GuestLeft[] {
  const list = (change as { guests?: unknown } | null)?.guests;
  if (!Array.isArray(list)) return [];
  return list.flatMap((g: { objectId?: unknown; name?: unknown }) => (typeof g?.objectId === "string" && typeof g.name === "string" ? [{ objectId: g.objectId, name: g.name }] : []));
}

/** The report as plain text, for the download and the CLI. */
export function reportText(report: OffboardingReport): string {
  const lines = [`Gatehouse offboarding report: ${report.customer.displayName} (${report.customer.primaryDomain})`, `Tenant: ${report.customer.tenantId ?? "unknown"}  Status: ${report.customer.status}  Run: ${report.runId ?? "none"} (${report.runStatus ?? "-"})`, `Started: ${report.startedAt ?? "-"}  Finished: ${report.finishedAt ?? "-"}`, ""];
  const section = (name: string, items: (ReportItem & { reason?: string })[]) => {
    lines.push(`${name} (${items.length})`);
    for (const i of items) lines.push(`  - ${oneLine(i.title, 1000)}${i.reason ? `: ${oneLine(i.reason, 2000)}` : i.detail ? ` (${oneLine(i.detail, 2000)})` : ""}`);
    lines.push("");
  };
  section("Removed", report.removed);
  section("Already gone", report.alreadyGone);
  section("Could not be removed", report.notRemoved);
  if (report.pending.length) section("Not reached", report.pending);
  if (report.leftInPlace.length) section("Left in place (existed before Gatehouse)", report.leftInPlace);
  if (report.guests.accounts.length) {
    lines.push(`Guest accounts left in the tenant (${report.guests.accounts.length})`, ...report.guests.accounts.map((g) => `  - ${oneLine(g.name)} (object ID ${oneLine(g.objectId, 64)})`), ...report.guests.instructions.map((t) => `  ${t}`), "");
  }
  lines.push("Delete the enterprise app", ...report.enterpriseApp.instructions.map((t) => `  ${t}`), ...(report.enterpriseApp.href ? [`  ${report.enterpriseApp.href}`] : []));
  return lines.join("\n") + "\n";
}
