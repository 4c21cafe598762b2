import { Badge } from "@/components/ui/badge";
import type { CustomerStatus } from "@/lib/generated/prisma/enums";

const STATUS: Record<CustomerStatus, { label: string; tone: "neutral" | "info" | "success" | "warning" | "danger" | "brand" }> = {
  invited: { label: "invited", tone: "info" },
  consented: { label: "consented", tone: "brand" },
  provisioning: { label: "provisioning", tone: "info" },
  active: { label: "active", tone: "success" },
  needs_attention: { label: "needs attention", tone: "danger" },
  offboarding: { label: "offboarding", tone: "warning" },
  offboarded: { label: "offboarded", tone: "neutral" },
};

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  const { label, tone } = STATUS[status];
  return (
    <Badge tone={tone} data-testid="customer-status">
      {label}
    </Badge>
  );
}
