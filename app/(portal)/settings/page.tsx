import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";
import { getBlueprint } from "@/lib/provisioning";
import { BlueprintSection } from "./_components/blueprint-section";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePagePermission("settings:read");
  const base = env.AUTH_URL.replace(/\/$/, "");
  const blueprint = await getBlueprint(user.workspace.id);
  return (
    <>
      <PageHeader title="Settings" description="How this Gatehouse is connected to Microsoft (change these through environment variables), and the blueprint it builds in every customer tenant." />
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Workspace</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList>
              <DetailRow label="Name">{user.workspace.name}</DetailRow>
              <DetailRow label="Entra tenant id" mono>{user.workspace.tenantId}</DetailRow>
              <DetailRow label="Primary domain" mono>{user.workspace.primaryDomain}</DetailRow>
            </DetailList>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Entra app registration</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList>
              <DetailRow label="Client id" mono>{env.ENTRA_CLIENT_ID ?? "not set"}</DetailRow>
              <DetailRow label="Authority host" mono>{env.ENTRA_AUTHORITY_HOST}</DetailRow>
              <DetailRow label="Graph base URL" mono>{env.GRAPH_BASE_URL}</DetailRow>
              <DetailRow label="Sign-in redirect URI" mono>{`${base}/api/auth/callback/microsoft-entra-id`}</DetailRow>
              <DetailRow label="Consent sign-in redirect URI" mono>{`${base}/api/consent/signed-in`}</DetailRow>
              <DetailRow label="Consent redirect URI" mono>{`${base}/api/consent/callback`}</DetailRow>
              <DetailRow label="Consent link lifetime">{`${env.CONSENT_INVITE_TTL_DAYS} days`}</DetailRow>
            </DetailList>
          </CardContent>
        </Card>
      </div>
      <BlueprintSection user={user} blueprint={blueprint} />
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Blueprint rollout</CardTitle>
          <CardDescription>Preview what the blueprint changes in each customer&apos;s tenant, then roll it out to all of them.</CardDescription>
        </CardHeader>
        <CardContent>
          <Link href="/settings/rollout" className={buttonClassName({ variant: "outline" })}>
            Open rollout
          </Link>
        </CardContent>
      </Card>
    </>
  );
}
