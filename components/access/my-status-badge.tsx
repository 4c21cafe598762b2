import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { MyStatus } from "@/lib/access/my-status";
import { daysLeft, URGENCY_TONE, urgencyOf } from "@/lib/access/urgency";

/** "Active until …", "Pending since …", "Expired …" or "No access", coloured by urgency. */
export function MyStatusBadge({ status, now }: { status: MyStatus; now: Date }) {
  switch (status.kind) {
    case "active":
      return (
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone={status.expiresAt ? URGENCY_TONE[urgencyOf(daysLeft(status.expiresAt, now))] : "success"}>Active</Badge>
          <span className="text-sm text-slate-600">
            {status.packageName}
            {status.expiresAt ? (
              <>
                {" "}until <RelativeTime date={status.expiresAt} now={now} display="relative" />
              </>
            ) : (
              " with no end date"
            )}
          </span>
        </span>
      );
    case "pending":
      return (
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone="info">Pending</Badge>
          <span className="text-sm text-slate-600">
            {status.packageName} requested <RelativeTime date={status.requestedAt} now={now} display="relative" />
          </span>
        </span>
      );
    case "expired":
      return (
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone="neutral">Expired</Badge>
          <span className="text-sm text-slate-600">
            {status.packageName} ended <RelativeTime date={status.expiredAt} now={now} display="relative" />
          </span>
        </span>
      );
    default:
      return <Badge tone="neutral">No access</Badge>;
  }
}
