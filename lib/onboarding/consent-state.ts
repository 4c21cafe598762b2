// Pure: the `state` sent through Microsoft's admin-consent redirect. It is signed (HMAC-SHA256)
// and bound to one invite and one nonce that the database spends on first use, so it can be
// neither forged nor replayed.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export interface ConsentStatePayload {
  inviteId: string;
  nonce: string;
  expiresAt: Date;
}

export type StateVerification =
  | { ok: true; payload: ConsentStatePayload }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

const CONTEXT = "gatehouse.consent-state.v1";
/** Long enough to sign in at Microsoft and read the consent screen. */
export const CONSENT_STATE_LIFETIME_MS = 60 * 60 * 1000;

/** A key used for nothing else, derived from the deployment secret. */
export function deriveStateKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", CONTEXT, 32));
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac("sha256", key).update(`${CONTEXT}.${body}`).digest();
}

export function signConsentState(payload: ConsentStatePayload, key: Buffer): string {
  const body = Buffer.from(
    JSON.stringify({ i: payload.inviteId, n: payload.nonce, e: Math.floor(payload.expiresAt.getTime() / 1000) }),
  ).toString("base64url");
  return `${body}.${mac(key, body).toString("base64url")}`;
}

export function verifyConsentState(state: string, key: Buffer, now: Date): StateVerification {
  const [body, signature, extra] = state.split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = mac(key, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad-signature" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const { i, n, e } = (decoded ?? {}) as Record<string, unknown>;
  if (typeof i !== "string" || typeof n !== "string" || typeof e !== "number") return { ok: false, reason: "malformed" };
  const expiresAt = new Date(e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload: { inviteId: i, nonce: n, expiresAt } };
}
