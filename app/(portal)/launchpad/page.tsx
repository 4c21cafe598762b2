import { PageHeader } from "@/components/shell/page-header";
import { PlannedFeature } from "@/components/shell/planned-feature";
import { requirePagePermission } from "@/lib/auth/page-guard";

export const metadata = { title: "Launchpad" };

export default async function LaunchpadPage() {
  await requirePagePermission("launchpad:read");
  return (
    <>
      <PageHeader title="Launchpad" description="Where analysts request access and open each customer's Defender portal." />
      <PlannedFeature
        what="Each customer's My Access request links (one per access package) and its Microsoft Defender portal link."
        arrivesWith="customer onboarding (portal links) and provisioning (access-package links)"
      />
    </>
  );
}
