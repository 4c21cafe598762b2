import Link from "next/link";
import { Suspense } from "react";
import { PageSkeleton } from "@/components/access/page-skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ExternalLink } from "@/components/ui/external-link";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/page-guard";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { approvalCursorParam, parseApprovalCursor, pendingApprovals, type ApprovalCursor } from "@/lib/data/access";
import { ApprovalsPager } from "./_components/approvals-pager";

export const metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 100;

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The permission is checked before anything streams, so a refusal is a real 403.
  const user = await requirePagePermission("approvals:read");
  const params = await searchParams;
  // A cursor that does not parse starts the queue at the oldest request.
  const after = parseApprovalCursor(params.after);
  const before = after ? null : parseApprovalCursor(params.before);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Pending access requests across every customer tenant, oldest first. Approve or deny in the customer's My Access: Microsoft allows it only as the signed-in approver."
      />
      <Suspense key={`${String(params.after)}-${String(params.before)}`} fallback={<PageSkeleton label="the pending requests" rows={3} />}>
        <PendingRequests user={user} after={after} before={before} />
      </Suspense>
    </>
  );
}

const pageHref = (side: "after" | "before", cursor: ApprovalCursor | null) => (cursor ? `/approvals?${side}=${encodeURIComponent(approvalCursorParam(cursor))}` : null);

async function PendingRequests({ user, after, before }: { user: CurrentUser; after: ApprovalCursor | null; before: ApprovalCursor | null }) {
  const now = new Date();
  const page = await pendingApprovals(user, { now, limit: PAGE_SIZE, after, before });
  const requests = page.rows;
  const canOpenPeople = can(user, "access:read-all");
  return (
    <>
      {requests.length === 0 ? (
        <EmptyState title="No request is waiting" description="Requests appear here after the next sync of the customer tenants." />
      ) : (
        <Table aria-label="Pending requests">
          <TableHeader>
            <TableRow>
              <TableHead>Waiting</TableHead>
              <TableHead>Requestor</TableHead>
              <TableHead>Customer and package</TableHead>
              <TableHead>Justification</TableHead>
              <TableHead>Decide</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {requests.map((r) => (
              <TableRow key={r.requestId} data-testid="pending-request">
                <TableCell>
                  <RelativeTime date={r.requestedAt} now={now} display="relative" />
                </TableCell>
                <TableCell>
                  {r.portalUserId && canOpenPeople ? (
                    <Link className="text-brand-700 font-medium hover:underline" href={`/people/${r.portalUserId}`}>
                      {r.requestorName}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-900">{r.requestorName}</span>
                  )}
                  {r.requestorEmail && <span className="block text-xs break-all text-slate-500">{r.requestorEmail}</span>}
                  {!r.portalUserId && <Badge tone="warning">Not a staff member</Badge>}
                </TableCell>
                <TableCell>
                  <span className="font-medium text-slate-900">{r.customerName}</span>
                  <span className="block text-sm text-slate-600">{r.packageName}</span>
                </TableCell>
                <TableCell className="max-w-xs text-sm break-words whitespace-normal text-slate-700">
                  {r.justification ?? <span className="text-slate-400">None given</span>}
                </TableCell>
                <TableCell>
                  <ExternalLink className="whitespace-nowrap" href={r.approveUrl}>
                    Open in My Access
                  </ExternalLink>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {requests.length > 0 && (page.next || page.previous) && (
        <ApprovalsPager first={page.before + 1} count={requests.length} total={page.total} previousHref={pageHref("before", page.previous)} nextHref={pageHref("after", page.next)} />
      )}
    </>
  );
}
