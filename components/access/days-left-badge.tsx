import { Badge } from "@/components/ui/badge";
import { daysLeft, URGENCY_TONE, urgencyOf } from "@/lib/access/urgency";

/** Days left, coloured by urgency (the same thresholds as the dashboard's windows). */
export function DaysLeftBadge({ expiresAt, now }: { expiresAt: string | Date | null; now: Date }) {
  if (expiresAt === null) return <Badge tone="success">No end</Badge>;
  const days = daysLeft(new Date(expiresAt), now);
  return <Badge tone={URGENCY_TONE[urgencyOf(days)]}>{days > 0 ? `${days} d left` : "Expired"}</Badge>;
}
