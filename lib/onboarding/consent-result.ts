import "server-only";
import { db } from "@/lib/db";
import { isConsentOutcome, type ConsentOutcome } from "./outcomes";

export interface ConsentResultView {
  outcome: ConsentOutcome;
  customerName?: string;
  msspName?: string;
  microsoftMessage?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the result page shows. For an attempt bound to an invite the outcome is read back from
 * the audit trail, never taken from the URL, so a crafted link cannot show "granted" or put
 * words of its choosing on this site.
 */
export async function consentResult(params: { outcome?: string; invite?: string }): Promise<ConsentResultView> {
  if (params.invite && UUID.test(params.invite)) {
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
        const details = (event.details ?? {}) as Record<string, unknown>;
        const reason = event.action === "consent.granted" ? "granted" : details.reason;
        return {
          outcome: isConsentOutcome(reason) ? reason : "microsoft-error",
          customerName: invite.customer.displayName,
          msspName: invite.workspace.name,
          microsoftMessage: typeof details.errorDescription === "string" ? details.errorDescription : undefined,
        };
      }
    }
  }
  // Unbound outcomes carry no names and no free text; "granted" always needs the audit record.
  const outcome = isConsentOutcome(params.outcome) && params.outcome !== "granted" ? params.outcome : "invalid-state";
  return { outcome };
}
