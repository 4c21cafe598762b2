// Pure: small HMAC-SHA256 signed tokens (`body.mac`, body = base64url JSON with an expiry `e`
// in seconds). Each use has its own context string, so a token of one kind never passes as another.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export type TokenVerification = { ok: true; body: Record<string, unknown>; expired: boolean } | { ok: false; reason: "malformed" | "bad-signature" };

/** A key used for nothing but `context`, derived from the deployment secret. */
export function deriveKey(secret: string, context: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", context, 32));
}

function mac(key: Buffer, context: string, body: string): Buffer {
  return createHmac("sha256", key).update(`${context}.${body}`).digest();
}

export function signToken(context: string, body: Record<string, unknown> & { e: number }, key: Buffer): string {
  const encoded = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${encoded}.${mac(key, context, encoded).toString("base64url")}`;
}

/** Checks the signature first; an expired token still verifies, flagged, so callers can tell. */
export function verifyToken(context: string, token: string, key: Buffer, now: Date): TokenVerification {
  const [encoded, signature, extra] = token.split(".");
  if (!encoded || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = mac(key, context, encoded);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad-signature" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!decoded || typeof decoded !== "object" || Array.isArray(decoded)) return { ok: false, reason: "malformed" };
  const body = decoded as Record<string, unknown>;
  if (typeof body.e !== "number") return { ok: false, reason: "malformed" };
  return { ok: true, body, expired: body.e * 1000 <= now.getTime() };
}
