// Pure: the consent problem the MSSP admin should see on a customer, read from its audit trail.
import { isConsentOutcome, type ConsentOutcome } from "./outcomes";

export interface ConsentProblem {
  outcome: ConsentOutcome;
  at: Date;
  microsoftMessage?: string;
}

// A replayed answer is someone re-sending an old response, not an attempt by the customer.
const NOT_AN_ATTEMPT = new Set(["state-replayed", "invalid-state"]);

function isAttempt(event: { action: string; details: unknown }): boolean {
  if (event.action === "consent.granted") return true;
  if (event.action !== "consent.refused") return false;
  const reason = (event.details as Record<string, unknown> | null)?.reason;
  return !(typeof reason === "string" && NOT_AN_ATTEMPT.has(reason));
}

/** The newest consent attempt's refusal, unless a later attempt succeeded. Events newest first. */
export function latestConsentProblem(events: readonly { action: string; at: Date; details: unknown }[]): ConsentProblem | null {
  const last = events.find(isAttempt);
  if (!last || last.action === "consent.granted") return null;
  const details = (last.details ?? {}) as Record<string, unknown>;
  return {
    outcome: isConsentOutcome(details.reason) ? details.reason : "microsoft-error",
    at: last.at,
    microsoftMessage: typeof details.errorDescription === "string" ? details.errorDescription : undefined,
  };
}
