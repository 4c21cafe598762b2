import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { listBlueprintVersions } from "@/lib/data/blueprint-versions";

export const metadata = { title: "Blueprint versions" };

export default async function BlueprintVersionsPage() {
  const user = await requirePagePermission("settings:read");
  const { versions, total } = await listBlueprintVersions(user);
  return (
    <>
      <PageHeader
        title="Blueprint versions"
        description="Every save of the blueprint is a new version. Each shows what changed against the version before it."
        actions={
          <Link href="/settings" className="text-sm font-medium text-brand-600 underline-offset-4 hover:underline">
            Back to Settings
          </Link>
        }
      />
      {total === 1 ? <p className="mb-4 text-sm text-slate-600">No one has changed the blueprint yet: the built-in default applies.</p> : null}
      <ol className="grid gap-4" aria-label="Blueprint versions">
        {versions.map((v, i) => (
          <li key={v.version}>
            <Card>
              <CardHeader>
                <CardTitle className="flex flex-wrap items-center gap-2">
                  Version {v.version}
                  {i === 0 ? <Badge tone="success">in use</Badge> : null}
                </CardTitle>
                <p className="text-sm text-slate-500">
                  {v.savedAt ? (
                    <>
                      Saved <RelativeTime date={v.savedAt} /> by {v.savedBy ?? "a user who no longer exists"}
                    </>
                  ) : (
                    "Built into Gatehouse"
                  )}
                </p>
              </CardHeader>
              <CardContent>
                <ul className="list-disc pl-5 text-sm break-words text-slate-700">
                  {v.changes.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          </li>
        ))}
      </ol>
      {versions.length < total ? <p className="mt-4 text-sm text-slate-500">{`Showing the latest ${versions.length} of ${total} versions.`}</p> : null}
    </>
  );
}
