import { PageHeader } from "@/components/shell/page-header";
import { PlannedFeature } from "@/components/shell/planned-feature";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const metadata = { title: "My access" };

export default async function MyAccessPage() {
  const user = await requirePagePermission("access:read-own");
  return (
    <>
      <PageHeader title="My access" description={`Signed in as ${user.email}.`} />
      <PlannedFeature
        what="Your access packages in each customer tenant, when each expires, and a link to request an extension."
        arrivesWith="the sync of assignments from customer tenants"
      />
    </>
  );
}
