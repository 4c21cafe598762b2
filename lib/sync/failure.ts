import "server-only";
import { GraphError, isConsentPending, TokenError } from "@/lib/graph/errors";

/** Why a tenant could not be synced: a stable code for filtering and a sentence for people. */
export interface SyncFailure {
  code: "consent_withdrawn" | "throttled" | "forbidden" | "licence" | "unreachable" | "not_consented" | "interrupted" | "error";
  reason: string;
}

export function classifySyncError(error: unknown): SyncFailure {
  if (error instanceof TokenError) {
    if (isConsentPending(error.code)) return { code: "consent_withdrawn", reason: `Consent withdrawn: Microsoft refused Gatehouse's access to this tenant (${error.code}). Send the customer's administrator a new consent link.` };
    return { code: "unreachable", reason: `Gatehouse could not get a token for this tenant (${error.code}): ${error.message}` };
  }
  if (error instanceof GraphError) {
    if (error.status === 401) return { code: "consent_withdrawn", reason: `Microsoft Graph refused Gatehouse's token (${error.code}); consent may have been withdrawn.` };
    if (error.status === 429) return { code: "throttled", reason: `Microsoft Graph throttled the sync (${error.code})${error.retryAfter ? `; it asked to wait ${error.retryAfter} s` : ""}. It is retried with backoff.` };
    if (error.status === 403) {
      // Entitlement management answers 403 when the tenant lost its Entra ID P2/Governance licence.
      if (/licen[cs]e|premium|p2|governance/i.test(error.message)) return { code: "licence", reason: `The tenant's licence no longer covers entitlement management: ${error.message}` };
      return { code: "forbidden", reason: `Microsoft Graph refused the read (${error.code}): ${error.message}` };
    }
    if (error.status === 0 || error.status >= 500) return { code: "unreachable", reason: `Microsoft Graph did not answer (${error.code}): ${error.message}` };
    return { code: "error", reason: `Microsoft Graph answered ${error.status} ${error.code}: ${error.message}` };
  }
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) return { code: "interrupted", reason: "The sync was interrupted before it finished; the previous data is kept." };
  return { code: "error", reason: error instanceof Error ? error.message : String(error) };
}

/** Minutes until the next attempt after `failures` consecutive failures: 1, 2, 4 … capped at 60. */
export function backoffAfterFailures(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, failures - 1));
}
