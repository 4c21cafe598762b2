import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { knownMicrosoftError } from "./microsoft-errors";
import type { ConsentOutcome } from "./outcomes";
import { deriveResultKey, verifyResult } from "./result-token";

export type ConsentResultView =
  | { valid: false }
  | {
      valid: true;
      outcome: ConsentOutcome;
      /** Microsoft's error in plain words, for a known AADSTS code; never the redirect's own text */
      microsoftReason?: string;
      /** only while the result token is fresh */
      customerName?: string;
      msspName?: string;
      customerDomain?: string;
    };

/**
 * What the result page shows. The outcome comes from a token the consent flow signed, so the
 * same URL shows the same outcome every time, and a crafted URL shows nothing. There is no
 * lookup by invite id: names appear only with a fresh token of that flow.
 */
export async function consentResult(token: string | undefined, now = new Date()): Promise<ConsentResultView> {
  if (!token || !env.AUTH_SECRET) return { valid: false };
  const verified = verifyResult(token, deriveResultKey(env.AUTH_SECRET), now);
  if (!verified.ok) return { valid: false };
  const { claim, fresh } = verified;
  const microsoftReason = knownMicrosoftError(claim.microsoftCode);
  const view = { valid: true as const, outcome: claim.outcome, ...(microsoftReason ? { microsoftReason } : {}) };
  if (!fresh || !claim.inviteId) return view;
  const invite = await db.consentInvite.findUnique({
    where: { id: claim.inviteId },
    select: { customer: { select: { displayName: true, primaryDomain: true } }, workspace: { select: { name: true } } },
  });
  if (!invite) return view;
  return { ...view, customerName: invite.customer.displayName, customerDomain: invite.customer.primaryDomain, msspName: invite.workspace.name };
}
