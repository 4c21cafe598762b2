import { PageHeader } from "@/components/shell/page-header";
import { PlannedFeature } from "@/components/shell/planned-feature";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requirePagePermission("approvals:read");
  return (
    <>
      <PageHeader title="Approvals" description="Pending access requests across every customer tenant." />
      <PlannedFeature
        what="Every pending access-package request in every customer, with a link to approve it in that customer's My Access (Microsoft allows approvals only as the signed-in approver)."
        arrivesWith="the sync of assignments and requests from customer tenants"
      />
    </>
  );
}
