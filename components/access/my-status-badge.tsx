import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { MyStatus } from "@/lib/access/my-status";
import { daysLeft, URGENCY_TONE, urgencyOf } from "@/lib/access/urgency";

/** The badge, then the package and when, in words. */
function StatusLine({ badge, tone, children }: { badge: string; tone: BadgeTone; children: ReactNode }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Badge tone={tone}>{badge}</Badge>
      <span className="text-sm text-slate-600">{children}</span>
    </span>
  );
}

/** "Active: …, ends in …", "Pending: … requested …", "Expired …" or "No access", coloured by urgency. */
export function MyStatusBadge({ status, now }: { status: MyStatus; now: Date }) {
  switch (status.kind) {
    case "active":
      return (
        <StatusLine badge="Active" tone={status.expiresAt ? URGENCY_TONE[urgencyOf(daysLeft(status.expiresAt, now))] : "success"}>
          {status.packageName}
          {status.expiresAt ? (
            <>
              , ends <RelativeTime date={status.expiresAt} now={now} display="relative" />
            </>
          ) : (
            " with no end date"
          )}
        </StatusLine>
      );
    case "pending":
      return (
        <StatusLine badge="Pending" tone="info">
          {status.packageName} requested <RelativeTime date={status.requestedAt} now={now} display="relative" />
        </StatusLine>
      );
    case "expired":
      return (
        <StatusLine badge="Expired" tone="neutral">
          {status.packageName} ended <RelativeTime date={status.expiredAt} now={now} display="relative" />
        </StatusLine>
      );
    default:
      return <Badge tone="neutral">No access</Badge>;
  }
}
