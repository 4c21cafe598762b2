// Pure: consent-link tokens. 256 random bits; only the SHA-256 is stored, so a database leak
// does not hand out working links.
import { createHash, randomBytes } from "node:crypto";

const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function generateInviteToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Rejects anything that cannot be a token before it reaches the database. */
export function isWellFormedInviteToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export type InviteState = "active" | "used" | "revoked" | "expired";

export function inviteState(invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteState {
  if (invite.usedAt) return "used";
  if (invite.revokedAt) return "revoked";
  return invite.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}
