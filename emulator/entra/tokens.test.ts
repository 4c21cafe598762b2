import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSeed } from "../store/seed.ts";
import { World } from "../store/world.ts";
import { loadSigningKeys, type SigningKeys } from "./signing-keys.ts";
import { issueAppAccessToken, issueIdToken, issueUserAccessToken, verifyGraphAccessToken } from "./tokens.ts";
import { APP_ID, CONTOSO, MSSP_TENANT } from "./test-helpers.ts";

let keys: SigningKeys;
beforeAll(async () => {
  keys = await loadSigningKeys(".data/emulator");
});

function setup() {
  const world = new World(loadSeed("emulator/seed/demo.json"));
  return { world, tenant: world.tenants.get(MSSP_TENANT)!, app: world.findApplication(APP_ID)! };
}

describe("verifyGraphAccessToken", () => {
  it("returns the app principal with its consented roles", async () => {
    const { world, tenant, app } = setup();
    const token = await issueAppAccessToken(world, keys, tenant, app);
    expect(await verifyGraphAccessToken(world, keys, `Bearer ${token}`)).toEqual({
      tenantId: MSSP_TENANT,
      appId: APP_ID,
      roles: world.consentedPermissions(MSSP_TENANT, APP_ID),
      idtyp: "app",
      oid: world.servicePrincipalId(MSSP_TENANT, APP_ID),
    });
  });

  it("returns a delegated principal with scp", async () => {
    const { world, tenant, app } = setup();
    const user = world.findUserByUpn("approver@northwinddefense.com")!.user;
    const token = await issueUserAccessToken(world, keys, { tenant, user, app, scp: "EntitlementManagement.ReadWrite.All openid" });
    expect(await verifyGraphAccessToken(world, keys, `bearer ${token}`)).toMatchObject({ idtyp: "user", oid: user.id, scp: "EntitlementManagement.ReadWrite.All openid", roles: [] });
  });

  it("rejects a missing header, garbage, an ID token (wrong audience), a foreign signature and an unknown tenant", async () => {
    const { world, tenant, app } = setup();
    const user = world.findUserByUpn("alex@northwinddefense.com")!.user;
    expect(await verifyGraphAccessToken(world, keys, undefined)).toBeNull();
    expect(await verifyGraphAccessToken(world, keys, "Bearer not.a.jwt")).toBeNull();
    const idToken = await issueIdToken(world, keys, { origin: "https://localhost:8443", tenant, user, app });
    expect(await verifyGraphAccessToken(world, keys, `Bearer ${idToken}`)).toBeNull();
    const { generateKeyPair } = await import("jose");
    const other = await generateKeyPair("RS256");
    const forged = await new SignJWT({ aud: "https://graph.microsoft.com", iss: `https://sts.windows.net/${CONTOSO}/`, tid: CONTOSO, roles: ["Group.ReadWrite.All"], exp: Math.floor(Date.now() / 1000) + 600 })
      .setProtectedHeader({ alg: "RS256", kid: keys.kid })
      .sign(other.privateKey);
    expect(await verifyGraphAccessToken(world, keys, `Bearer ${forged}`)).toBeNull();
    const strangerTenant = await new SignJWT({ aud: "https://graph.microsoft.com", iss: "https://sts.windows.net/99999999-9999-9999-9999-999999999999/", tid: "99999999-9999-9999-9999-999999999999", exp: Math.floor(Date.now() / 1000) + 600 })
      .setProtectedHeader({ alg: "RS256", kid: keys.kid })
      .sign(keys.privateKey);
    expect(await verifyGraphAccessToken(world, keys, `Bearer ${strangerTenant}`)).toBeNull();
  });

  it("keeps tokens valid across clock jumps (lifetimes run in real time, as in MSAL's cache) and rejects expired ones", async () => {
    const { world, tenant, app } = setup();
    const before = await issueAppAccessToken(world, keys, tenant, app);
    world.advanceClock(400 * 86_400_000);
    expect(await verifyGraphAccessToken(world, keys, `Bearer ${before}`)).not.toBeNull();
    const after = await issueAppAccessToken(world, keys, tenant, app);
    expect(await verifyGraphAccessToken(world, keys, `Bearer ${after}`)).not.toBeNull();
    const nowS = Math.floor(world.now().getTime() / 1000);
    const expired = await new SignJWT({ aud: "https://graph.microsoft.com", iss: `https://sts.windows.net/${MSSP_TENANT}/`, tid: MSSP_TENANT, idtyp: "app", iat: nowS - 7200, exp: nowS - 3600, xms_emu_clk: world.clockOffset() })
      .setProtectedHeader({ alg: "RS256", kid: keys.kid })
      .sign(keys.privateKey);
    expect(await verifyGraphAccessToken(world, keys, `Bearer ${expired}`)).toBeNull();
  });
});
