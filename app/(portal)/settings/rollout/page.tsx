import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { getRolloutView, listRollouts } from "@/lib/data/rollouts";
import { env } from "@/lib/env";
import { getBlueprint } from "@/lib/provisioning";
import { activeRolloutId, rolloutCustomerCount } from "@/lib/rollout/commands";
import { PastRollouts } from "./_components/past-rollouts";
import { RolloutPreview } from "./_components/rollout-preview";
import { RolloutProgress } from "./_components/rollout-progress";
import { StartRolloutDialog } from "./_components/start-rollout-dialog";

export const metadata = { title: "Blueprint rollout" };

/** Preview the active blueprint across the fleet, roll it out, and follow the rollout. */
export default async function RolloutPage() {
  const user = await requirePagePermission("provisioning:apply");
  const [blueprint, activeId, total, past] = await Promise.all([getBlueprint(user.workspace.id), activeRolloutId(user.workspace.id), rolloutCustomerCount(user.workspace.id), listRollouts(user)]);
  const active = activeId ? await getRolloutView(user, activeId) : null;
  return (
    <>
      <PageHeader
        title="Blueprint rollout"
        description={
          <>
            Brings every provisioned customer to blueprint version {blueprint.version}. <Link href="/settings" className="text-brand-700 hover:underline">Back to Settings</Link>
          </>
        }
        actions={!active && total > 0 ? <StartRolloutDialog total={total} version={blueprint.version} concurrency={env.ROLLOUT_CONCURRENCY} /> : undefined}
      />
      <div className="grid gap-6">
        {active ? (
          <Card>
            <CardHeader>
              <CardTitle>Current rollout</CardTitle>
              <CardDescription>Customers are provisioned {active.concurrency} at a time by the background workers; this page follows them.</CardDescription>
            </CardHeader>
            <CardContent>
              <RolloutProgress initial={active} />
            </CardContent>
          </Card>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>Preview</CardTitle>
              <CardDescription>What version {blueprint.version} would change in each customer&apos;s tenant, read live (reads only), one page of customers at a time.</CardDescription>
            </CardHeader>
            <CardContent>
              <RolloutPreview />
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle>Past rollouts</CardTitle>
          </CardHeader>
          <CardContent>
            <PastRollouts rollouts={past.filter((r) => r.id !== activeId)} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
