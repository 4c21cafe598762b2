import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>What</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>Why</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plannedObjects(msspName).map((o) => (
                <TableRow key={`${o.kind}-${o.name}`}>
                  <TableCell className="whitespace-nowrap font-medium">{o.kind}</TableCell>
                  <TableCell>{o.name}</TableCell>
                  <TableCell className="text-slate-600">{o.purpose}</TableCell>
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
      <div className="grid gap-6 md:grid-cols-2">
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
