import "server-only";
import { env } from "@/lib/env";
import type { CallbackResult } from "./consent-steps";
import { deriveResultKey, signResult } from "./result-token";

/** The result page's address for an outcome: the outcome travels signed, never as plain text. */
export function consentResultPath(result: CallbackResult, now = new Date()): string {
  if (!env.AUTH_SECRET) return "/consent/result";
  const token = signResult(
    { outcome: result.outcome, ...(result.inviteId ? { inviteId: result.inviteId } : {}), ...(result.microsoftCode ? { microsoftCode: result.microsoftCode } : {}) },
    deriveResultKey(env.AUTH_SECRET),
    now,
  );
  return `/consent/result?r=${encodeURIComponent(token)}`;
}
