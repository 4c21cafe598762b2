import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { DriftSeverity } from "@/lib/provisioning/drift-classify";

const TONE: Record<DriftSeverity, BadgeTone> = { high: "danger", medium: "warning", low: "neutral" };

export function SeverityBadge({ severity, count }: { severity: DriftSeverity; count?: number }) {
  return (
    <Badge tone={TONE[severity]} data-severity={severity}>
      {count === undefined ? severity : `${count} ${severity}`}
    </Badge>
  );
}
