import { DriftDiff } from "@/components/drift/drift-diff";
import { SeverityBadge } from "@/components/drift/severity-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { latestDriftCheck } from "@/lib/data/drift";
import { SEVERITIES } from "@/lib/provisioning/drift-classify";
import { DriftControls } from "./drift-controls";

/** The customer page's Drift section: the newest check as a diff, Check now and Repair. */
export async function DriftSection({ user, customerId }: { user: CurrentUser; customerId: string }) {
  const check = await latestDriftCheck(user.workspace.id, customerId);
  const canAct = can(user, "provisioning:apply");
  return (
    <Card className="mt-6" data-testid="drift-section">
      <CardHeader>
        <CardTitle>Drift</CardTitle>
        <CardDescription>
          What changed in the tenant behind Gatehouse&apos;s back, compared with the blueprint
          {check ? (
            <>
              {" "}· last checked <RelativeTime date={check.checkedAt} /> ({check.blueprintVersion ? `blueprint v${check.blueprintVersion}` : "the built-in blueprint"}, {check.requests} Graph requests)
            </>
          ) : (
            " · not checked yet"
          )}
          .
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {check?.status === "clean" && <p className="text-sm text-emerald-700">No drift: the tenant matches the blueprint.</p>}
        {(check?.status === "blocked" || check?.status === "error") && <p className="text-sm text-amber-700">{check.message}</p>}
        {check?.status === "drift" && (
          <>
            <div className="flex flex-wrap gap-2">
              {SEVERITIES.filter((s) => check[s] > 0).map((s) => (
                <SeverityBadge key={s} severity={s} count={check[s]} />
              ))}
            </div>
            <DriftDiff items={check.items} />
          </>
        )}
        {canAct && <DriftControls customerId={customerId} canRepair={check?.status === "drift" && check.items.some((i) => i.repairable)} />}
      </CardContent>
    </Card>
  );
}
