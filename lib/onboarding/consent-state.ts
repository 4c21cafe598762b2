// Pure: the `state` sent through Microsoft, once to the admin's sign-in and once to the
// admin-consent endpoint. It is signed and bound to one invite, one attempt and one nonce that
// the database replaces at each step, so it can be neither forged nor replayed. The consent
// step's state also carries the administrator the ID token proved, so the callback knows who
// signed in and which tenant the consent must come from.
import { createHmac } from "node:crypto";
import { isGuid } from "@/lib/utils/guid";
import { deriveKey, signToken, verifyToken } from "./signed-token";

export type ConsentStep = "sign-in" | "consent";

export interface ProvenAdmin {
  tenantId: string;
  objectId: string;
  name: string;
  upn: string;
}

export interface ConsentStatePayload {
  inviteId: string;
  /** the newest attempt of the invite when this state was issued */
  attempt: string;
  nonce: string;
  step: ConsentStep;
  expiresAt: Date;
  /** present on the consent step only */
  admin?: ProvenAdmin;
}

export type StateVerification =
  | { ok: true; payload: ConsentStatePayload }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

const CONTEXT = "gatehouse.consent-state.v2";
/** Long enough to sign in at Microsoft and read the consent screen. */
export const CONSENT_STATE_LIFETIME_MS = 60 * 60 * 1000;

/** A key used for nothing else, derived from the deployment secret. */
export function deriveStateKey(secret: string): Buffer {
  return deriveKey(secret, CONTEXT);
}

/** The OpenID `nonce` of the sign-in: bound to the state's nonce, so an ID token fits one state. */
export function oidcNonce(key: Buffer, stateNonce: string): string {
  return createHmac("sha256", key).update(`oidc-nonce.${stateNonce}`).digest("base64url");
}

export function signConsentState(payload: ConsentStatePayload, key: Buffer): string {
  const { admin } = payload;
  return signToken(
    CONTEXT,
    {
      i: payload.inviteId,
      a: payload.attempt,
      n: payload.nonce,
      s: payload.step,
      e: Math.floor(payload.expiresAt.getTime() / 1000),
      ...(admin ? { t: admin.tenantId, o: admin.objectId, dn: admin.name, u: admin.upn } : {}),
    },
    key,
  );
}

export function verifyConsentState(state: string, key: Buffer, now: Date): StateVerification {
  const verified = verifyToken(CONTEXT, state, key, now);
  if (!verified.ok) return verified;
  const { i, a, n, s, e, t, o, dn, u } = verified.body;
  if (typeof i !== "string" || typeof a !== "string" || typeof n !== "string" || typeof e !== "number") return { ok: false, reason: "malformed" };
  if (s !== "sign-in" && s !== "consent") return { ok: false, reason: "malformed" };
  let admin: ProvenAdmin | undefined;
  if (s === "consent") {
    if (!isGuid(t) || !isGuid(o) || typeof dn !== "string" || typeof u !== "string") return { ok: false, reason: "malformed" };
    admin = { tenantId: t, objectId: o, name: dn, upn: u };
  }
  if (verified.expired) return { ok: false, reason: "expired" };
  return { ok: true, payload: { inviteId: i, attempt: a, nonce: n, step: s, expiresAt: new Date(e * 1000), ...(admin ? { admin } : {}) } };
}
