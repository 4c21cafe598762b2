import "server-only";
import { db } from "@/lib/db";
import { consentEventOutcome } from "./consent-history";
import { isConsentOutcome, type ConsentOutcome } from "./outcomes";
import { isGuid } from "@/lib/utils/guid";

export interface ConsentResultView {
  outcome: ConsentOutcome;
  customerName?: string;
  msspName?: string;
  microsoftMessage?: string;
}


/**
 * What the result page shows. For an attempt bound to an invite the outcome is read back from
 * the audit trail, never taken from the URL, so a crafted link cannot show "granted" or put
 * words of its choosing on this site.
 */
export async function consentResult(params: { outcome?: string; invite?: string }): Promise<ConsentResultView> {
  if (isGuid(params.invite)) {
    const invite = await db.consentInvite.findUnique({
      where: { id: params.invite },
      select: {
        workspaceId: true,
        customerId: true,
        customer: { select: { displayName: true } },
        workspace: { select: { name: true } },
      },
    });
    if (invite) {
      const event = await db.auditEvent.findFirst({
        where: {
          workspaceId: invite.workspaceId,
          target: `customer:${invite.customerId}`,
          action: { in: ["consent.granted", "consent.refused"] },
          details: { path: ["inviteId"], equals: params.invite },
        },
        orderBy: { at: "desc" },
        select: { action: true, details: true },
      });
      if (event) {
        return { ...consentEventOutcome(event), customerName: invite.customer.displayName, msspName: invite.workspace.name };
      }
    }
  }
  // Unbound outcomes carry no names and no free text; "granted" always needs the audit record.
  const outcome = isConsentOutcome(params.outcome) && params.outcome !== "granted" ? params.outcome : "invalid-state";
  return { outcome };
}
