import "server-only";
import { decodeJwt, jwtVerify, type JWTVerifyGetKey } from "jose";
import { isGuid } from "@/lib/utils/guid";

/**
 * Checks the ID token a customer's administrator got when signing in during the consent flow.
 * It is the only proof that a person, and which person, acted for the tenant: the admin-consent
 * redirect itself names no user. Keys are passed in, so the rules are table-tested without a server.
 */

/** The directory roles that can grant tenant-wide consent to application permissions. */
export const CONSENT_ADMIN_ROLES = {
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
} as const;

export interface SignedInAdmin {
  tenantId: string;
  objectId: string;
  name: string;
  /** `preferred_username`: the UPN for members */
  upn: string;
  /** which of CONSENT_ADMIN_ROLES the token carries */
  role: string;
}

export type AdminTokenFailure =
  /** signature, issuer, audience, expiry, nonce or a missing claim: not a token for this flow */
  | { reason: "invalid-token"; detail: string }
  /** a genuine sign-in, but in another tenant than the customer's */
  | { reason: "wrong-tenant"; tenantId: string; upn: string }
  /** a genuine sign-in in the right tenant, by someone without a consent-granting role */
  | { reason: "not-admin"; tenantId: string; upn: string; name: string; objectId: string };

export type AdminTokenResult = { ok: true; admin: SignedInAdmin } | ({ ok: false } & AdminTokenFailure);

export interface AdminTokenExpectations {
  /** `https://login.microsoftonline.com` or the emulator's origin */
  authorityHost: string;
  clientId: string;
  /** the nonce sent on the authorize request, derived from the invite's signed state */
  nonce: string;
  /** the customer's tenant when known (resolved from its domain); null accepts any tenant */
  tenantId: string | null;
  now: Date;
}

export interface AdminTokenDeps {
  /** the authority's signing keys for one tenant (its JWKS) */
  keysFor: (tenantId: string) => JWTVerifyGetKey;
}

/** Entra's v2 issuer names the tenant: `https://login.microsoftonline.com/{tid}/v2.0`. */
export function idTokenIssuer(authorityHost: string, tenantId: string): string {
  return `${new URL(authorityHost).origin}/${tenantId}/v2.0`;
}

const stringClaim = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

export async function verifyAdminIdToken(idToken: string, expect: AdminTokenExpectations, deps: AdminTokenDeps): Promise<AdminTokenResult> {
  let unverifiedTid: unknown;
  try {
    unverifiedTid = decodeJwt(idToken).tid;
  } catch {
    return { ok: false, reason: "invalid-token", detail: "The ID token is not a JWT." };
  }
  // The tenant picks the issuer and the keys; it is only trusted once the signature verified.
  if (!isGuid(unverifiedTid)) return { ok: false, reason: "invalid-token", detail: "The ID token has no tenant id (tid)." };
  const tid = unverifiedTid.toLowerCase();

  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(idToken, deps.keysFor(tid), {
      issuer: idTokenIssuer(expect.authorityHost, tid),
      audience: expect.clientId,
      algorithms: ["RS256"],
      requiredClaims: ["exp", "iat", "nonce", "oid"],
      currentDate: expect.now,
      clockTolerance: 120,
    });
    claims = verified.payload as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: "invalid-token", detail: `The ID token did not verify: ${(error as Error).message}` };
  }
  if (claims.nonce !== expect.nonce) return { ok: false, reason: "invalid-token", detail: "The ID token's nonce belongs to another consent attempt." };
  const objectId = stringClaim(claims.oid);
  if (!isGuid(objectId)) return { ok: false, reason: "invalid-token", detail: "The ID token has no object id (oid)." };

  const upn = stringClaim(claims.preferred_username) ?? stringClaim(claims.upn) ?? stringClaim(claims.email) ?? objectId;
  const name = stringClaim(claims.name) ?? upn;
  if (expect.tenantId && expect.tenantId.toLowerCase() !== tid) return { ok: false, reason: "wrong-tenant", tenantId: tid, upn };

  const wids = Array.isArray(claims.wids) ? claims.wids.filter((w): w is string => typeof w === "string").map((w) => w.toLowerCase()) : [];
  const role = wids.find((w): w is keyof typeof CONSENT_ADMIN_ROLES => Object.hasOwn(CONSENT_ADMIN_ROLES, w));
  if (!role) return { ok: false, reason: "not-admin", tenantId: tid, upn, name, objectId: objectId.toLowerCase() };
  return { ok: true, admin: { tenantId: tid, objectId: objectId.toLowerCase(), name, upn, role: CONSENT_ADMIN_ROLES[role] } };
}
