import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { readReport } from "@/lib/offboarding";
import { OffboardingForm } from "./offboarding-form";
import { OffboardingRefresh } from "./offboarding-refresh";

/** Offboarding: the typed confirmation, then the report as it fills, and what the customer's admin does last. */
export async function OffboardingSection({ user, customerId }: { user: CurrentUser; customerId: string }) {
  if (!can(user, "customers:write")) return null;
  const report = await readReport(user.workspace.id, customerId);
  const { status, primaryDomain } = report.customer;
  const started = status === "offboarding" || status === "offboarded";
  const running = status === "offboarding" && (report.runStatus === null || report.runStatus === "queued" || report.runStatus === "running");
  return (
    <Card className="mt-6" data-testid="offboarding">
      <CardHeader>
        <CardTitle>Offboarding</CardTitle>
        <CardDescription>
          Removes everything Gatehouse created in this tenant (assignments, policies, access packages, the catalog, the connected
          organization, Defender roles and groups), each removal read back. Objects that existed before Gatehouse stay.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!started && <OffboardingForm customerId={customerId} domain={primaryDomain} />}
        {running && <OffboardingRefresh />}
        {started && (
          <>
            <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="offboarding-summary">
              <Badge tone={status === "offboarded" ? "success" : report.notRemoved.length ? "danger" : "warning"}>{status === "offboarded" ? "offboarded" : running ? "removing" : "needs attention"}</Badge>
              <span>{report.removed.length} removed</span>
              <span className="text-slate-400">·</span>
              <span>{report.alreadyGone.length} already gone</span>
              <span className="text-slate-400">·</span>
              <span>{report.notRemoved.length} could not be removed</span>
              {report.pending.length > 0 && (
                <>
                  <span className="text-slate-400">·</span>
                  <span>{report.pending.length} to go</span>
                </>
              )}
            </div>
            {report.notRemoved.length > 0 && (
              <Alert tone="danger" title="Some objects could not be removed">
                <ul className="grid gap-1">
                  {report.notRemoved.map((item) => (
                    <li key={item.key}>
                      {item.title}: <span className="break-words">{item.reason}</span>
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
            {report.runId && (
              <p>
                <a className="text-sm text-brand-700 hover:underline" href={`/api/customers/${customerId}/offboarding/report`} download>
                  Download the report
                </a>
              </p>
            )}
            {report.guests.accounts.length > 0 && (
              <Alert tone="info" title={`Guest accounts left in the tenant (${report.guests.accounts.length})`}>
                <ul className="mb-2 grid gap-1" aria-label="Guest accounts left in the tenant">
                  {report.guests.accounts.map((g) => (
                    <li key={g.objectId} className="break-words">
                      {g.name} <span className="font-mono text-xs text-slate-500">{g.objectId}</span>
                    </li>
                  ))}
                </ul>
                <div className="grid gap-1">
                  {report.guests.instructions.map((line) => (
                    <p key={line} className="break-words">
                      {line}
                    </p>
                  ))}
                </div>
              </Alert>
            )}
            {status === "offboarded" && (
              <Alert tone="info" title="Last step, for the customer's administrator">
                <ol className="grid list-decimal gap-1 pl-5">
                  {report.enterpriseApp.instructions.map((line) => (
                    <li key={line} className="break-words">
                      {line}
                    </li>
                  ))}
                </ol>
              </Alert>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
