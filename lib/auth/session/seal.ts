import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// AES-256-GCM with a key derived from AUTH_SECRET: a database dump alone reveals no refresh
// token. The session id is the associated data, so a sealed token copied onto another session
// row does not open there.
const VERSION = "v1";
const INFO = "gatehouse portal-session refresh-token v1";

function keyFrom(secret: string): Buffer {
  if (secret.length < 32) throw new Error("AUTH_SECRET must be at least 32 characters to seal refresh tokens.");
  return Buffer.from(hkdfSync("sha256", secret, "gatehouse", INFO, 32));
}

export function sealRefreshToken(secret: string, sessionId: string, refreshToken: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  cipher.setAAD(Buffer.from(sessionId));
  const sealed = Buffer.concat([cipher.update(refreshToken, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The refresh token, or null when the value was sealed under another secret or session, or altered. */
export function openRefreshToken(secret: string, sessionId: string, value: string): string | null {
  const [version, iv, sealed, tag] = value.split(".");
  if (version !== VERSION || !iv || !sealed || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(sessionId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
