import { compactVerify, decodeProtectedHeader, SignJWT, type JWTPayload } from "jose";
import type { ApplicationRecord, TenantRecord, UserRecord, World } from "../store/world.ts";
import { newGuid, stableGuid } from "../store/ids.ts";
import type { SigningKeys } from "./signing-keys.ts";

export const GRAPH_RESOURCE = "https://graph.microsoft.com";
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/** What Entra answers in `expires_in` (it varies 60–90 min; one fixed value keeps tests simple). */
export const ACCESS_TOKEN_LIFETIME_S = 3599;
/**
 * Private claim: the World clock offset when the token was issued. Token lifetimes are
 * measured in real time, as MSAL's cache measures them, so moving the clock forward
 * (to expire an access package) does not leave every cached token rejected.
 */
const CLOCK_CLAIM = "xms_emu_clk";
/** Private claim of app tokens: the consent grant (service principal life) they were issued under. */
const GRANT_CLAIM = "xms_emu_grant";

export interface GraphPrincipal {
  tenantId: string;
  appId: string;
  roles: string[];
  idtyp: "app" | "user";
  oid?: string;
  scp?: string;
}

export function accessTokenIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export function idTokenIssuer(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

function timestamps(world: World, lifetimeS: number): { iat: number; nbf: number; exp: number } {
  const iat = Math.floor(world.now().getTime() / 1000);
  return { iat, nbf: iat, exp: iat + lifetimeS };
}

async function sign(keys: SigningKeys, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ typ: "JWT", alg: "RS256", kid: keys.kid }).sign(keys.privateKey);
}

/** A client-credentials token for Graph, shaped like Entra's v1 app-only access token. */
export async function issueAppAccessToken(world: World, keys: SigningKeys, tenant: TenantRecord, app: ApplicationRecord): Promise<string> {
  const oid = world.servicePrincipalId(tenant.id, app.appId);
  const roles = world.consentedPermissions(tenant.id, app.appId);
  const grantId = world.findServicePrincipal(tenant.id, app.appId)?.grantId;
  return sign(keys, {
    aud: GRAPH_RESOURCE,
    iss: accessTokenIssuer(tenant.id),
    ...timestamps(world, ACCESS_TOKEN_LIFETIME_S),
    app_displayname: app.displayName,
    appid: app.appId,
    appidacr: "1",
    azp: app.appId,
    idp: accessTokenIssuer(tenant.id),
    idtyp: "app",
    oid,
    ...(roles.length > 0 ? { roles } : {}),
    sub: oid,
    tenant_region_scope: "EU",
    tid: tenant.id,
    uti: tokenId(),
    ver: "1.0",
    [CLOCK_CLAIM]: world.clockOffset(),
    ...(grantId ? { [GRANT_CLAIM]: grantId } : {}),
  });
}

/** A delegated Graph token from the authorization-code flow. */
export async function issueUserAccessToken(world: World, keys: SigningKeys, args: { tenant: TenantRecord; user: UserRecord; app: ApplicationRecord; scp: string }): Promise<string> {
  const { tenant, user, app } = args;
  const [given, ...family] = user.displayName.split(" ");
  return sign(keys, {
    aud: GRAPH_RESOURCE,
    iss: accessTokenIssuer(tenant.id),
    ...timestamps(world, ACCESS_TOKEN_LIFETIME_S),
    acr: "1",
    amr: ["pwd"],
    app_displayname: app.displayName,
    appid: app.appId,
    appidacr: "1",
    azp: app.appId,
    ...(family.length > 0 ? { family_name: family.join(" "), given_name: given } : {}),
    idtyp: "user",
    name: user.displayName,
    oid: user.id,
    scp: args.scp,
    sub: pairwiseSubject(user.id, app.appId),
    tid: tenant.id,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: tokenId(),
    ver: "1.0",
    [CLOCK_CLAIM]: world.clockOffset(),
  });
}

/** The v2 ID token, with the claims Auth.js and Gatehouse read. */
export async function issueIdToken(world: World, keys: SigningKeys, args: { origin: string; tenant: TenantRecord; user: UserRecord; app: ApplicationRecord; nonce?: string }): Promise<string> {
  const { tenant, user, app } = args;
  // Only roles the requesting app defines; Entra omits the claim when there are none.
  const roles = user.appRoles.filter((role) => app.appRoles.includes(role));
  // Directory roles only when the manifest asks for them, as Entra does (groupMembershipClaims).
  const wids = app.groupMembershipClaims === "DirectoryRole" || app.groupMembershipClaims === "All" ? world.directoryRoleTemplateIds(user) : [];
  // Real time, not the World clock: the relying party (Auth.js) checks iat/nbf/exp against
  // its own clock, and tests move the World clock forward by months.
  const iat = Math.floor(Date.now() / 1000);
  return sign(keys, {
    aud: app.appId,
    iss: idTokenIssuer(args.origin, tenant.id),
    iat,
    nbf: iat,
    exp: iat + ACCESS_TOKEN_LIFETIME_S,
    ...(args.nonce ? { nonce: args.nonce } : {}),
    email: user.mail ?? user.userPrincipalName,
    name: user.displayName,
    oid: user.id,
    // A guest signs in with their home account; Entra shows that name, not the #EXT# UPN.
    preferred_username: user.userType === "Guest" ? (user.mail ?? user.userPrincipalName) : user.userPrincipalName,
    ...(roles.length > 0 ? { roles } : {}),
    sub: pairwiseSubject(user.id, app.appId),
    tid: tenant.id,
    uti: tokenId(),
    ver: "2.0",
    ...(wids.length > 0 ? { wids } : {}),
  });
}

/** Entra's `sub` is pairwise: stable for one user and one app, different across apps. */
export function pairwiseSubject(userId: string, appId: string): string {
  return Buffer.from(stableGuid("sub", userId, appId).replace(/-/g, ""), "hex").toString("base64url");
}

function tokenId(): string {
  return Buffer.from(newGuid().replace(/-/g, ""), "hex").toString("base64url");
}

/** Checks signature, issuer shape, audience, expiry and tenant; returns the payload or null. */
export async function verifyAccessToken(world: World, keys: SigningKeys, authorizationHeader: string | undefined): Promise<JWTPayload | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader ?? "");
  const token = match?.[1];
  if (!token) return null;
  try {
    if (decodeProtectedHeader(token).kid !== keys.kid) return null;
    const { payload: bytes } = await compactVerify(token, keys.publicKey, { algorithms: ["RS256"] });
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as JWTPayload & Record<string, unknown>;
    const aud = payload.aud;
    if (aud !== GRAPH_RESOURCE && aud !== GRAPH_APP_ID && aud !== `${GRAPH_RESOURCE}/`) return null;
    const tid = typeof payload.tid === "string" ? payload.tid : undefined;
    if (!tid || payload.iss !== accessTokenIssuer(tid) || !world.tenants.has(tid)) return null;
    if (typeof payload.exp !== "number") return null;
    const issuedOffset = typeof payload[CLOCK_CLAIM] === "number" ? payload[CLOCK_CLAIM] : world.clockOffset();
    // Expiry on the World clock, minus any jump made after the token was issued.
    const nowS = (world.now().getTime() - Math.max(0, world.clockOffset() - issuedOffset)) / 1000;
    if (payload.exp <= nowS) return null;
    // Consent revoked with revokeIssuedTokens: the emulator refuses the grant's tokens at once.
    if (typeof payload[GRANT_CLAIM] === "string" && world.isGrantRevoked(payload[GRANT_CLAIM])) return null;
    return payload;
  } catch {
    return null;
  }
}

export async function verifyGraphAccessToken(world: World, keys: SigningKeys, authorizationHeader: string | undefined): Promise<GraphPrincipal | null> {
  const payload = await verifyAccessToken(world, keys, authorizationHeader);
  if (!payload) return null;
  const claims = payload as JWTPayload & Record<string, unknown>;
  const idtyp = claims.idtyp === "app" ? "app" : "user";
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [];
  return {
    tenantId: String(claims.tid),
    appId: String(claims.appid ?? claims.azp ?? ""),
    roles,
    idtyp,
    ...(typeof claims.oid === "string" ? { oid: claims.oid } : {}),
    ...(typeof claims.scp === "string" ? { scp: claims.scp } : {}),
  };
}
