// Pure: what consent audit events say, for the customer page and the public result page.
import { isConsentOutcome, type ConsentOutcome } from "./outcomes";

export interface ConsentProblem {
  outcome: ConsentOutcome;
  at: Date;
  /** the redirect's own error text: unverified, for the MSSP's eyes only */
  reportedByRedirect?: string;
}

// A replayed answer is someone re-sending an old response, not an attempt by the customer; an
// answer for a link already used means the consent was recorded, so it is no failure either.
export const NOT_AN_ATTEMPT_REASONS = ["state-replayed", "state-superseded", "invalid-state", "invite-used"] as const;
const NOT_AN_ATTEMPT = new Set<string>(NOT_AN_ATTEMPT_REASONS);

function isAttempt(event: { action: string; details: unknown }): boolean {
  if (event.action === "consent.granted") return true;
  if (event.action !== "consent.refused") return false;
  const reason = (event.details as Record<string, unknown> | null)?.reason;
  return !(typeof reason === "string" && NOT_AN_ATTEMPT.has(reason));
}

/** The outcome a consent.granted / consent.refused event records, with the redirect's error text. */
export function consentEventOutcome(event: { action: string; details: unknown }): { outcome: ConsentOutcome; reportedByRedirect?: string } {
  const details = (event.details ?? {}) as Record<string, unknown>;
  const reason = event.action === "consent.granted" ? "granted" : details.reason;
  return {
    outcome: isConsentOutcome(reason) ? reason : "microsoft-error",
    ...(typeof details.reportedByRedirect === "string" ? { reportedByRedirect: details.reportedByRedirect } : {}),
  };
}

/** The newest consent attempt's refusal, unless a later attempt succeeded. Events newest first. */
export function latestConsentProblem(events: readonly { action: string; at: Date; details: unknown }[]): ConsentProblem | null {
  const last = events.find(isAttempt);
  if (!last || last.action === "consent.granted") return null;
  return { ...consentEventOutcome(last), at: last.at };
}
