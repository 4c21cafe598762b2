import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InviteDto } from "@/lib/data/customers";
import { RevokeLinkButton } from "./invite-controls";

const STATE = {
  active: { label: "Active", tone: "success" },
  used: { label: "Used", tone: "brand" },
  revoked: { label: "Revoked", tone: "neutral" },
  expired: { label: "Expired", tone: "warning" },
} as const;

export function InviteHistory({ customerId, invites, canManage }: { customerId: string; invites: InviteDto[]; canManage: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Issued</TableHead>
          <TableHead>By</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead>State</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invites.length === 0 && <TableEmpty colSpan={5}>No consent link has been issued.</TableEmpty>}
        {invites.map((invite) => (
          <TableRow key={invite.id} data-testid="invite-row">
            <TableCell className="whitespace-nowrap text-sm">
              <RelativeTime date={invite.createdAt} />
            </TableCell>
            <TableCell className="text-sm">{invite.createdByName ?? "—"}</TableCell>
            <TableCell className="whitespace-nowrap text-sm">
              <RelativeTime date={invite.expiresAt} />
            </TableCell>
            <TableCell>
              <Badge tone={STATE[invite.state].tone}>{STATE[invite.state].label}</Badge>
              {invite.usedAt && (
                <span className="ml-2 text-xs text-slate-500">
                  <RelativeTime date={invite.usedAt} display="relative" />
                </span>
              )}
            </TableCell>
            <TableCell className="text-right">
              {canManage && invite.state === "active" && <RevokeLinkButton customerId={customerId} inviteId={invite.id} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
