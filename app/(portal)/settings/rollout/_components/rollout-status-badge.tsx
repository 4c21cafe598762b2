import { Badge, type BadgeTone } from "@/components/ui/badge";

const ROLLOUT: Record<string, { label: string; tone: BadgeTone }> = {
  queued: { label: "queued", tone: "neutral" },
  running: { label: "running", tone: "info" },
  paused: { label: "paused", tone: "warning" },
  completed: { label: "completed", tone: "success" },
  cancelled: { label: "cancelled", tone: "neutral" },
};

export function RolloutStatusBadge({ status }: { status: string }) {
  const s = ROLLOUT[status] ?? { label: status, tone: "neutral" as const };
  return (
    <Badge tone={s.tone} data-testid="rollout-status">
      {s.label}
    </Badge>
  );
}
