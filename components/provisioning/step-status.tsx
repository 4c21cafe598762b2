import { Badge, type BadgeTone } from "@/components/ui/badge";

const STEP: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "waiting", tone: "neutral" },
  running: { label: "in progress", tone: "info" },
  succeeded: { label: "done", tone: "success" },
  failed: { label: "failed", tone: "danger" },
  skipped: { label: "skipped", tone: "neutral" },
  needs_manual_action: { label: "needs you", tone: "warning" },
};

const RUN: Record<string, { label: string; tone: BadgeTone }> = {
  queued: { label: "queued", tone: "neutral" },
  running: { label: "running", tone: "info" },
  succeeded: { label: "succeeded", tone: "success" },
  failed: { label: "failed", tone: "danger" },
  needs_attention: { label: "needs attention", tone: "warning" },
  blocked: { label: "blocked", tone: "danger" },
};

export function StepStatusBadge({ status }: { status: string }) {
  const s = STEP[status] ?? { label: status, tone: "neutral" as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

export function RunStatusBadge({ status }: { status: string }) {
  const s = RUN[status] ?? { label: status, tone: "neutral" as const };
  return (
    <Badge tone={s.tone} data-testid="run-status">
      {s.label}
    </Badge>
  );
}

export const isRunUnfinished = (status: string | undefined) => status === "queued" || status === "running";
