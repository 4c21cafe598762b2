import { PageHeader } from "@/components/shell/page-header";
import { PlannedFeature } from "@/components/shell/planned-feature";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePagePermission("dashboard:read");
  return (
    <>
      <PageHeader title="Dashboard" description={`${user.workspace.name} · who has access where.`} />
      <PlannedFeature
        what="Who has access to which customer, pending approvals and the access that expires in the next 30 days."
        arrivesWith="provisioning and the sync of assignments and requests"
      />
    </>
  );
}
