import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface DemoAccountRow {
  username: string;
  password: string;
  displayName: string;
  role: string;
  organization: string;
}

export function DemoAccounts({ accounts }: { accounts: DemoAccountRow[] }) {
  return (
    <section aria-labelledby="demo-accounts" className="rounded-lg border border-amber-300 bg-amber-50 p-5">
      <h2 id="demo-accounts" className="font-semibold text-amber-950">
        Demo accounts
      </h2>
      <p className="mt-1 text-sm text-amber-900">
        This Gatehouse runs against the local Microsoft emulator. Sign in as any of these accounts, one browser window per
        role if you like. Customer admins use their account on a consent link, not here.
      </p>
      <div className="mt-4 overflow-x-auto rounded-md border border-amber-200 bg-white">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Account</TableHead>
              <TableHead>Password</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Organization</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {accounts.map((a) => (
              <TableRow key={a.username}>
                <TableCell>
                  <span className="font-mono text-xs">{a.username}</span>
                  <span className="block text-xs text-slate-500">{a.displayName}</span>
                </TableCell>
                <TableCell className="font-mono text-xs">{a.password}</TableCell>
                <TableCell className="text-sm">{a.role}</TableCell>
                <TableCell className="text-sm text-slate-600">{a.organization}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
