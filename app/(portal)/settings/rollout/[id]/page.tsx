import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { getRolloutView } from "@/lib/data/rollouts";
import { NotFoundError } from "@/lib/errors";
import { RolloutProgress } from "../_components/rollout-progress";

export const metadata = { title: "Rollout" };

/** One rollout's progress or summary; another workspace's id is a 404. */
export default async function RolloutDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("provisioning:apply");
  const { id } = await params;
  const view = await getRolloutView(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <PageHeader
        title={`Rollout of blueprint version ${view.blueprintVersion}`}
        description={<Link href="/settings/rollout" className="text-brand-700 hover:underline">All rollouts</Link>}
      />
      <Card>
        <CardHeader>
          <CardTitle>{view.active ? "Progress" : "Summary"}</CardTitle>
        </CardHeader>
        <CardContent>
          <RolloutProgress initial={view} />
        </CardContent>
      </Card>
    </>
  );
}
