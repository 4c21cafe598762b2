import { RelativeTime } from "@/components/ui/relative-time";

export interface PendingApprovalItem {
  requestId: string;
  customerName: string;
  packageName: string;
  requestorName: string;
  requestedAt: string;
  ageDays: number;
  approveUrl: string;
}

/** The oldest pending requests with their age; each opens the customer's My Access approvals page. */
export function PendingApprovalsList({ rows, now }: { rows: PendingApprovalItem[]; now: Date }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No request is waiting for an approver.</p>;
  return (
    <ul className="grid gap-2" aria-label="Pending approvals">
      {rows.map((r) => (
        <li key={r.requestId} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-sm break-words" data-testid="dashboard-approval">
          <span className="min-w-0">
            <span className="font-medium text-slate-900">{r.requestorName}</span> · {r.customerName} · {r.packageName}
          </span>
          <span className="flex items-center gap-3">
            <span className="text-slate-600">
              asked <RelativeTime date={r.requestedAt} now={now} display="relative" />
            </span>
            <a className="text-brand-700 font-medium whitespace-nowrap hover:underline" href={r.approveUrl} target="_blank" rel="noreferrer">
              Open in My Access
            </a>
          </span>
        </li>
      ))}
    </ul>
  );
}
