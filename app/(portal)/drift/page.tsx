import { Suspense } from "react";
import { PageSkeleton } from "@/components/access/page-skeleton";
import { PageHeader } from "@/components/shell/page-header";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getFleetDriftView } from "@/lib/data/drift";
import { env } from "@/lib/env";
import { FleetDrift } from "./_components/fleet-drift";

export const metadata = { title: "Drift" };
export const dynamic = "force-dynamic";

/** The fleet view: every customer with its newest drift check, worst first. */
export default async function DriftPage() {
  // The permission is checked before anything streams, so a refusal is a real 403.
  const user = await requirePagePermission("customers:read");
  return (
    <>
      <PageHeader
        title="Drift"
        description={`Each provisioned tenant is compared with the blueprint every ${env.DRIFT_CHECK_INTERVAL_HOURS} h; high drift widens access, medium breaks the recipe, low is cosmetic.`}
      />
      <Suspense fallback={<PageSkeleton label="the drift of every customer" rows={4} />}>
        <Fleet user={user} />
      </Suspense>
    </>
  );
}

async function Fleet({ user }: { user: CurrentUser }) {
  const initial = await getFleetDriftView(user.workspace.id);
  return <FleetDrift initial={initial} canCheck={can(user, "provisioning:apply")} />;
}
