import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CustomerStatus } from "@/lib/generated/prisma/enums";

/** Words a person reads; the enum values stay in the database and the API. */
export const CUSTOMER_STATUS: Record<CustomerStatus, { label: string; tone: BadgeTone }> = {
  invited: { label: "Waiting for consent", tone: "info" },
  consented: { label: "Consented", tone: "brand" },
  provisioning: { label: "Provisioning", tone: "info" },
  active: { label: "Active", tone: "success" },
  needs_attention: { label: "Needs attention", tone: "danger" },
  offboarding: { label: "Offboarding", tone: "warning" },
  offboarded: { label: "Offboarded", tone: "neutral" },
};

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  const { label, tone } = CUSTOMER_STATUS[status];
  return (
    <Badge tone={tone} data-testid="customer-status">
      {label}
    </Badge>
  );
}
