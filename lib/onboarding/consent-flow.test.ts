// The whole consent flow against a real database and the emulator's Entra ID and Graph: the
// customer's admin signs in (ID token), then consents; every decision comes from what Microsoft
// (the emulator) proves, never from the redirects' words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ID, CONTOSO, FABRIKAM } from "../../emulator/entra/test-helpers.ts";
import type { RunningEmulator } from "../../emulator/server.ts";
import type { CurrentUser } from "@/lib/auth/current-user";
import { invitedCustomer, startConsentApp, type ConsentApp } from "@/lib/testing/consent-app";
import { answerConsent, callbackParams, consentAsAdmin, finishSignIn, pressGrant, signInAt } from "@/lib/testing/consent-flow";

const TAILSPIN = "8d1854fa-d39e-4356-9c60-71d7910a534d";

let emulator: RunningEmulator;
let app: ConsentApp;

beforeAll(async () => {
  ({ emulator, app } = await startConsentApp());
});

afterAll(async () => {
  await emulator?.close();
});

const invited = (mssp: CurrentUser, domain: string, resolved: string | null) => invitedCustomer(app, mssp, domain, resolved);

const customerRow = (id: string) =>
  app.db.customer.findUniqueOrThrow({
    where: { id },
    select: { status: true, tenantId: true, grantedRoles: true, consentGrantedByUpn: true, consentGrantedByName: true, consentGrantedByObjectId: true },
  });
const untouched = { status: "invited", tenantId: null, consentGrantedByUpn: null };

describe("consent proven by the customer's administrator", () => {
  it("signs the admin in at the customer's tenant, then records the consent with who granted it", async () => {
    const mssp = await app.createWorkspaceUser();
    const { customerId, token } = await invited(mssp, "contoso.com", CONTOSO);
    const tab = await pressGrant(app, token);
    expect(tab.authorizeUrl.pathname).toBe(`/${CONTOSO}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(tab.authorizeUrl.searchParams)).toMatchObject({ response_type: "code", code_challenge_method: "S256", prompt: "login", scope: "openid profile" });

    const signedIn = await finishSignIn(app, tab, await signInAt(tab, "admin@contoso.com"));
    expect(signedIn.next).toBe("consent");
    const consentUrl = new URL((signedIn as { url: string }).url);
    expect(consentUrl.pathname).toBe(`/${CONTOSO}/v2.0/adminconsent`);
    // Microsoft has not recorded the consent before the admin accepts: nothing is recorded.
    expect(await customerRow(customerId)).toMatchObject(untouched);

    const callback = await answerConsent(tab, consentUrl.toString(), "accept");
    expect(callback.tenant).toBe(CONTOSO);
    expect(await app.handleConsentCallback(callbackParams(callback))).toMatchObject({ outcome: "granted" });
    const row = await customerRow(customerId);
    expect(row).toMatchObject({ status: "consented", tenantId: CONTOSO, consentGrantedByUpn: "admin@contoso.com", consentGrantedByName: expect.any(String) });
    expect(row.grantedRoles).toContain("EntitlementManagement.ReadWrite.All");
    const granted = await app.db.auditEvent.findFirstOrThrow({ where: { target: `customer:${customerId}`, action: "consent.granted" }, select: { actor: true } });
    expect(granted.actor).toBe(`customer-admin:${row.consentGrantedByObjectId}`);
  });

  it("tells a signed-in user without an admin role which role is needed, and records nothing", async () => {
    const mssp = await app.createWorkspaceUser();
    const { customerId, token } = await invited(mssp, "fabrikam.com", FABRIKAM);
    const tab = await pressGrant(app, token);
    const result = await finishSignIn(app, tab, await signInAt(tab, "user@fabrikam.com"));
    expect(result).toEqual({ next: "result", result: expect.objectContaining({ outcome: "admin-role-required" }) });
    expect(await customerRow(customerId)).toMatchObject(untouched);
    const refused = await app.db.auditEvent.findFirstOrThrow({ where: { target: `customer:${customerId}`, action: "consent.refused" }, select: { actor: true, details: true } });
    expect(refused.actor).toBe("consent-link");
    expect(refused.details).toMatchObject({ reason: "admin-role-required", signedIn: { upn: "user@fabrikam.com", tenantId: FABRIKAM } });
  });

  it("refuses an admin of another tenant when the customer's tenant is known", async () => {
    const mssp = await app.createWorkspaceUser();
    // Re-consent of a customer whose tenant is recorded, added before domains were resolved.
    const { customerId, token } = await invited(mssp, "tailspintoys.onmicrosoft.com", null);
    await app.db.customer.update({ where: { id: customerId }, data: { tenantId: TAILSPIN, status: "active" } });
    const tab = await pressGrant(app, token);
    expect(tab.authorizeUrl.pathname).toBe("/organizations/oauth2/v2.0/authorize");
    const result = await finishSignIn(app, tab, await signInAt(tab, "admin@fabrikam.com"));
    expect(result).toEqual({ next: "result", result: expect.objectContaining({ outcome: "wrong-tenant" }) });
    await app.db.customer.update({ where: { id: customerId }, data: { tenantId: null, status: "invited" } });
  });

  it("ends a flow that comes back to another browser, a replayed sign-in and a superseded tab", async () => {
    const mssp = await app.createWorkspaceUser();
    const { customerId, token } = await invited(mssp, "fabrikam.onmicrosoft.com", FABRIKAM);
    const first = await pressGrant(app, token);
    const firstQuery = await signInAt(first, "admin@fabrikam.com");
    const second = await pressGrant(app, token);
    expect(await finishSignIn(app, first, firstQuery)).toMatchObject({ next: "result", result: { outcome: "state-superseded" } });

    const query = await signInAt(second, "admin@fabrikam.com");
    // No flow cookie: this browser did not press "Grant consent".
    expect(await app.handleAdminSignIn({ code: query.code, state: query.state }, undefined)).toMatchObject({ result: { outcome: "browser-mismatch" } });
    expect(await finishSignIn(app, second, query)).toMatchObject({ result: { outcome: "state-replayed" } });
    expect(await customerRow(customerId)).toMatchObject(untouched);
  });

  it("shows plain words for a cancelled sign-in and keeps the redirect's text in the audit trail only", async () => {
    const mssp = await app.createWorkspaceUser();
    const { customerId, token } = await invited(mssp, "fabrikam.com", FABRIKAM);
    const tab = await pressGrant(app, token);
    const result = await finishSignIn(app, tab, { state: tab.authorizeUrl.searchParams.get("state")!, error: "access_denied", error_description: "AADSTS65004: User declined. Call +1 555 0100" });
    expect(result).toEqual({ next: "result", result: { outcome: "denied", inviteId: expect.any(String), microsoftCode: "65004" } });
    const refused = await app.db.auditEvent.findFirstOrThrow({ where: { target: `customer:${customerId}`, action: "consent.refused" }, select: { details: true } });
    expect(refused.details).toMatchObject({ reportedByRedirect: "AADSTS65004: User declined. Call +1 555 0100" });
  });
});

describe("hijack attempts with two workspaces", () => {
  it("a workspace that never signs in cannot claim a consented tenant by calling the callback", async () => {
    const attacker = await app.createWorkspaceUser("admin", "Attacker MSSP");
    // The tenant has the app's service principal (consented for another workspace's customer).
    expect(emulator.world.hasConsent(CONTOSO, APP_ID)).toBe(true);
    const { customerId, token } = await invited(attacker, "contoso.onmicrosoft.com", null);
    const tab = await pressGrant(app, token);
    const signInState = tab.authorizeUrl.searchParams.get("state")!;
    expect(await app.handleConsentCallback({ state: signInState, tenant: CONTOSO, scope: "x" })).toMatchObject({ outcome: "invalid-state" });
    expect(await finishSignIn(app, tab, { state: signInState, code: "1.forged-code" })).toMatchObject({ result: { outcome: "sign-in-failed" } });
    expect(await customerRow(customerId)).toMatchObject(untouched);
    const events = await app.db.auditEvent.findMany({ where: { target: `customer:${customerId}`, action: "consent.refused" }, select: { actor: true } });
    expect(events.map((e) => e.actor)).toEqual(["consent-link", "consent-link"]);
  });

  it("the attacker's own admin cannot turn their sign-in into another tenant's consent", async () => {
    const attacker = await app.createWorkspaceUser("admin", "Attacker MSSP");
    const { customerId, token } = await invited(attacker, "contoso.com", null);
    const { callback } = await consentAsAdmin(app, token, "admin@tailspintoys.com");
    expect(callback.tenant).toBe(TAILSPIN);
    // Swapping the callback's tenant for the victim's fails; keeping it fails the domain proof.
    expect(await app.handleConsentCallback(callbackParams({ ...callback, tenant: CONTOSO }))).toMatchObject({ outcome: "tenant-mismatch" });
    const again = await consentAsAdmin(app, token, "admin@tailspintoys.com");
    expect(await app.handleConsentCallback(callbackParams(again.callback))).toMatchObject({ outcome: "domain-not-verified" });
    expect(await customerRow(customerId)).toMatchObject(untouched);
  });

  it("a link revoked while its admin was at Microsoft leaves a service principal nobody else can claim", async () => {
    const victimMssp = await app.createWorkspaceUser("admin", "Victim MSSP");
    const victim = await invited(victimMssp, "fabrikam.com", FABRIKAM);
    const tab = await pressGrant(app, victim.token);
    const signedIn = await finishSignIn(app, tab, await signInAt(tab, "admin@fabrikam.com"));
    await app.revokeInvite(victimMssp, victim.customerId, victim.inviteId);
    const callback = await answerConsent(tab, (signedIn as { url: string }).url, "accept");
    expect(emulator.world.hasConsent(FABRIKAM, APP_ID)).toBe(true);
    expect(await app.handleConsentCallback(callbackParams(callback))).toMatchObject({ outcome: "invite-revoked" });

    const attacker = await app.createWorkspaceUser("admin", "Attacker MSSP");
    const claim = await invited(attacker, "fabrikam.com", FABRIKAM);
    const attackerTab = await pressGrant(app, claim.token);
    const state = attackerTab.authorizeUrl.searchParams.get("state")!;
    expect(await app.handleConsentCallback({ state, tenant: FABRIKAM })).toMatchObject({ outcome: "invalid-state" });
    expect(await app.handleConsentCallback(callbackParams(callback))).toMatchObject({ outcome: "invite-revoked" });
    expect(await app.db.customer.count({ where: { tenantId: FABRIKAM } })).toBe(0);
  });

  it("a tenant onboarded by one workspace is refused to another, even with its real admin", async () => {
    const other = await app.createWorkspaceUser("admin", "Second MSSP");
    const { customerId, token } = await invited(other, "contoso.com", CONTOSO);
    const { callback } = await consentAsAdmin(app, token, "admin@contoso.com");
    expect(await app.handleConsentCallback(callbackParams(callback))).toMatchObject({ outcome: "tenant-in-another-workspace" });
    expect(await customerRow(customerId)).toMatchObject(untouched);
  });

  it("answers a forged state without touching any workspace or naming anyone", async () => {
    const before = await app.db.auditEvent.count({ where: { workspaceId: { not: null } } });
    const result = await app.handleConsentCallback({ state: "eyJpIjoieCJ9.c2lnbmF0dXJl", tenant: CONTOSO });
    expect(result).toEqual({ outcome: "invalid-state" });
    expect(await app.db.auditEvent.count({ where: { workspaceId: { not: null } } })).toBe(before);
    const last = await app.db.auditEvent.findFirstOrThrow({ where: { workspaceId: null, action: "consent.refused" }, orderBy: { at: "desc" }, select: { actor: true } });
    expect(last.actor).toBe("anonymous");
  });
});
