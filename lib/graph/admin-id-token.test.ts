// The rules for the customer admin's ID token, table-tested with local keys (no server).
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAdminIdToken, type AdminTokenExpectations } from "./admin-id-token";

const HOST = "https://login.example.test";
const CLIENT = "a9a75384-bf7f-4dfb-b7ca-e996f77781f8";
const TENANT = "f751f8f2-154d-4e76-acbb-2dba45769137";
const OTHER = "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7";
const OID = "0b6e1b9c-2f43-4a57-9d0d-7c5b0f1c2d3e";
const GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
const PRIV_ROLE_ADMIN = "e8611ab8-c189-46e8-94e1-60213ab1f814";
const APP_ADMIN = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
const USER_TEMPLATE = "b79fbf4d-3ef9-4689-8143-76b194e85509";
const now = new Date();
const iat = Math.floor(now.getTime() / 1000);

let keys: { privateKey: CryptoKey; jwks: ReturnType<typeof createLocalJWKSet> };
let strangerKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  keys = { privateKey: pair.privateKey, jwks: createLocalJWKSet({ keys: [jwk] }) };
  strangerKey = (await generateKeyPair("RS256")).privateKey;
});

const expectations: AdminTokenExpectations = { authorityHost: HOST, clientId: CLIENT, nonce: "the-nonce", tenantId: TENANT, now };

function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    aud: CLIENT,
    iss: `${HOST}/${TENANT}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    nonce: "the-nonce",
    oid: OID,
    tid: TENANT,
    name: "Avery Admin",
    preferred_username: "admin@contoso.com",
    wids: [GLOBAL_ADMIN, USER_TEMPLATE],
    ...overrides,
  };
}

async function token(payload: JWTPayload, key: CryptoKey = keys.privateKey): Promise<string> {
  const clean = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
  return new SignJWT(clean).setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT" }).sign(key);
}

const verify = (jwt: string, expect_: Partial<AdminTokenExpectations> = {}) =>
  verifyAdminIdToken(jwt, { ...expectations, ...expect_ }, { keysFor: () => keys.jwks });

describe("the customer admin's ID token", () => {
  it("accepts a Global Administrator of the expected tenant and names them", async () => {
    expect(await verify(await token(claims()))).toEqual({
      ok: true,
      admin: { tenantId: TENANT, objectId: OID, name: "Avery Admin", upn: "admin@contoso.com", role: "Global Administrator" },
    });
  });

  it("accepts a Privileged Role Administrator", async () => {
    const result = await verify(await token(claims({ wids: [PRIV_ROLE_ADMIN] })));
    expect(result).toMatchObject({ ok: true, admin: { role: "Privileged Role Administrator" } });
  });

  it("accepts any tenant when the customer's tenant is not resolved yet", async () => {
    const result = await verify(await token(claims({ tid: OTHER, iss: `${HOST}/${OTHER}/v2.0` })), { tenantId: null });
    expect(result).toMatchObject({ ok: true, admin: { tenantId: OTHER } });
  });

  it.each([
    ["no wids claim (manifest without groupMembershipClaims, or a plain user)", { wids: undefined }],
    ["only the default user role", { wids: [USER_TEMPLATE] }],
    ["Application Administrator, which cannot consent to application permissions", { wids: [APP_ADMIN, USER_TEMPLATE] }],
    ["a wids claim that is not a list", { wids: GLOBAL_ADMIN }],
  ])("refuses %s as not an admin", async (_, overrides) => {
    expect(await verify(await token(claims(overrides)))).toEqual({
      ok: false,
      reason: "not-admin",
      tenantId: TENANT,
      upn: "admin@contoso.com",
      name: "Avery Admin",
      objectId: OID,
    });
  });

  it("refuses a genuine admin of another tenant as wrong tenant", async () => {
    const jwt = await token(claims({ tid: OTHER, iss: `${HOST}/${OTHER}/v2.0`, preferred_username: "admin@fabrikam.com" }));
    expect(await verify(jwt)).toEqual({ ok: false, reason: "wrong-tenant", tenantId: OTHER, upn: "admin@fabrikam.com" });
  });

  it.each([
    ["signed by another key", async () => token(claims(), strangerKey)],
    ["for another audience", async () => token(claims({ aud: "00000000-0000-0000-0000-000000000001" }))],
    ["from another issuer host", async () => token(claims({ iss: `https://evil.example/${TENANT}/v2.0` }))],
    ["whose issuer names another tenant than its tid", async () => token(claims({ iss: `${HOST}/${OTHER}/v2.0` }))],
    ["expired", async () => token(claims({ iat: iat - 7200, nbf: iat - 7200, exp: iat - 3600 }))],
    ["with another attempt's nonce", async () => token(claims({ nonce: "another-nonce" }))],
    ["without a nonce", async () => token(claims({ nonce: undefined }))],
    ["without a tenant id", async () => token(claims({ tid: undefined }))],
    ["with a tenant id that is no GUID", async () => token(claims({ tid: "contoso.com" }))],
    ["without an object id", async () => token(claims({ oid: undefined }))],
    ["that is no JWT at all", async () => "not-a-jwt"],
  ])("refuses a token %s", async (_, make) => {
    expect(await verify(await make())).toMatchObject({ ok: false, reason: "invalid-token" });
  });

  it("refuses an unsigned token (alg none)", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const body = Buffer.from(JSON.stringify(claims())).toString("base64url");
    expect(await verify(`${header}.${body}.`)).toMatchObject({ ok: false, reason: "invalid-token" });
  });
});
