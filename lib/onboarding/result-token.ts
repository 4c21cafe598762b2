// Pure: the result page's token. The flow that decided the outcome signs it, so a URL shows
// exactly that outcome every time it is opened, and a crafted URL shows nothing of its choosing.
// The names of the customer and the MSSP are shown only while it is fresh.
import { isGuid } from "@/lib/utils/guid";
import { isConsentOutcome, type ConsentOutcome } from "./outcomes";
import { deriveKey, signToken, verifyToken } from "./signed-token";

const CONTEXT = "gatehouse.consent-result.v1";
/** Long enough to read the page and reload it; after that it shows the outcome without names. */
export const RESULT_TOKEN_LIFETIME_MS = 30 * 60 * 1000;

export interface ConsentResultClaim {
  outcome: ConsentOutcome;
  /** the invite the flow belonged to, when the state was genuine */
  inviteId?: string;
  /** Entra's error code from the redirect (e.g. 65004 for AADSTS65004), when it sent one */
  microsoftCode?: string;
}

export type ResultVerification = { ok: true; claim: ConsentResultClaim; fresh: boolean } | { ok: false };

export function deriveResultKey(secret: string): Buffer {
  return deriveKey(secret, CONTEXT);
}

export function signResult(claim: ConsentResultClaim, key: Buffer, now: Date): string {
  return signToken(
    CONTEXT,
    {
      o: claim.outcome,
      ...(claim.inviteId ? { i: claim.inviteId } : {}),
      ...(claim.microsoftCode ? { c: claim.microsoftCode } : {}),
      e: Math.floor((now.getTime() + RESULT_TOKEN_LIFETIME_MS) / 1000),
    },
    key,
  );
}

export function verifyResult(token: string, key: Buffer, now: Date): ResultVerification {
  const verified = verifyToken(CONTEXT, token, key, now);
  if (!verified.ok) return { ok: false };
  const { o, i, c } = verified.body;
  if (!isConsentOutcome(o)) return { ok: false };
  return {
    ok: true,
    fresh: !verified.expired,
    claim: { outcome: o, ...(isGuid(i) ? { inviteId: i } : {}), ...(typeof c === "string" && /^\d{4,8}$/.test(c) ? { microsoftCode: c } : {}) },
  };
}
