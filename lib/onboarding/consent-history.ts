// Pure: the consent problem the MSSP admin should see on a customer, read from its audit trail.
import { isConsentOutcome, type ConsentOutcome } from "./outcomes";

export interface ConsentProblem {
  outcome: ConsentOutcome;
  at: Date;
  microsoftMessage?: string;
}

/** The newest consent attempt's refusal, unless a later attempt succeeded. Events newest first. */
export function latestConsentProblem(events: readonly { action: string; at: Date; details: unknown }[]): ConsentProblem | null {
  const last = events.find((e) => e.action === "consent.granted" || e.action === "consent.refused");
  if (!last || last.action === "consent.granted") return null;
  const details = (last.details ?? {}) as Record<string, unknown>;
  return {
    outcome: isConsentOutcome(details.reason) ? details.reason : "microsoft-error",
    at: last.at,
    microsoftMessage: typeof details.errorDescription === "string" ? details.errorDescription : undefined,
  };
}
