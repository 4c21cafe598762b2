import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { env } from "@/lib/env";

export const metadata = { title: "Settings" };

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 break-all font-mono text-slate-900">{value}</dd>
    </div>
  );
}

export default async function SettingsPage() {
  const user = await requirePagePermission("settings:read");
  const base = env.AUTH_URL.replace(/\/$/, "");
  return (
    <>
      <PageHeader title="Settings" description="How this Gatehouse is connected to Microsoft. Change these through environment variables." />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Workspace</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="divide-y divide-slate-100">
              <Row label="Name" value={user.workspace.name} />
              <Row label="Entra tenant id" value={user.workspace.tenantId} />
              <Row label="Primary domain" value={user.workspace.primaryDomain} />
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Entra app registration</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="divide-y divide-slate-100">
              <Row label="Client id" value={env.ENTRA_CLIENT_ID ?? "not set"} />
              <Row label="Authority host" value={env.ENTRA_AUTHORITY_HOST} />
              <Row label="Graph base URL" value={env.GRAPH_BASE_URL} />
              <Row label="Sign-in redirect URI" value={`${base}/api/auth/callback/microsoft-entra-id`} />
              <Row label="Consent redirect URI" value={`${base}/api/consent/callback`} />
              <Row label="Consent link lifetime" value={`${env.CONSENT_INVITE_TTL_DAYS} days`} />
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
