import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { stackedRow, stackedTable, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CUSTOMER_KEEPS_CONTROL, HOW_TO_REVOKE, REQUESTED_PERMISSIONS, plannedObjects } from "@/lib/onboarding/consent-plan";

export function ConsentExplainer({ msspName }: { msspName: string }) {
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>What Gatehouse will create in your tenant</CardTitle>
          <CardDescription>This follows Microsoft&apos;s documented recipe for MSSP access to Microsoft Defender.</CardDescription>
        </CardHeader>
        <CardContent>
          {/* Stacked on phones: what, its name, then why, each readable at full width. */}
          <Table className={stackedTable}>
            <TableHeader className="max-md:hidden">
              <TableRow>
                <TableHead>What</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>Why</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plannedObjects(msspName).map((o) => (
                <TableRow key={`${o.kind}-${o.name}`} className={stackedRow}>
                  <TableCell className="font-medium whitespace-nowrap max-md:p-0 max-md:whitespace-normal">{o.kind}</TableCell>
                  <TableCell className="max-md:p-0 max-md:font-mono max-md:text-xs max-md:break-all">{o.name}</TableCell>
                  <TableCell className="text-slate-600 max-md:p-0">{o.purpose}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Permissions Gatehouse asks for</CardTitle>
          <CardDescription>Application permissions on Microsoft Graph, used only by Gatehouse&apos;s service, never by a person.</CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="divide-y divide-slate-100">
            {REQUESTED_PERMISSIONS.map((p) => (
              <li key={p.name} className="py-3">
                <p className="font-mono text-sm text-slate-900">{p.name}</p>
                <p className="mt-1 text-sm text-slate-600">{p.why}</p>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>What you keep control of</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="list-disc space-y-2 pl-5 text-sm text-slate-600">
              {CUSTOMER_KEEPS_CONTROL.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>How to revoke</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="list-disc space-y-2 pl-5 text-sm text-slate-600">
              {HOW_TO_REVOKE.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
