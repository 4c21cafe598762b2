// Integration: a portal session re-validated at the emulator's Entra over real HTTPS. An Entra
// admin's change (role removed or changed, account disabled, sessions revoked) takes effect at the
// session's next check, at most SESSION_ROLE_CHECK_MINUTES (≤ 15) later.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { APP_ID, APP_SECRET, authorizeUrl, Browser, MSSP_TENANT, redeemCode, signIn } from "../../../emulator/entra/test-helpers.ts";
import { startEmulator, type RunningEmulator } from "../../../emulator/server.ts";
import { db } from "@/lib/db";
import type { GraphAccessConfig } from "@/lib/graph/config";
import { refreshUserSignIn } from "@/lib/graph/user-refresh";
import { checkSession } from "./check";
import { limitsFrom } from "./policy";
import { createSession } from "./store";

const ALEX = "alex@northwinddefense.com";
const SECRET = "test-secret-that-is-at-least-32-characters-long";
const limits = limitsFrom({ SESSION_ABSOLUTE_HOURS: 12, SESSION_IDLE_MINUTES: 120, SESSION_ROLE_CHECK_MINUTES: 10 });

let emulator: RunningEmulator;
let config: GraphAccessConfig;

beforeAll(async () => {
  emulator = await startEmulator({ seed: "emulator/seed/demo.json", port: 0, quiet: true, control: true });
  config = { authorityHost: emulator.url, graphBaseUrl: emulator.url, clientId: APP_ID, clientSecret: APP_SECRET };
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(() => emulator.world.reset());

async function control(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
}

/** Alex signs in at the emulator (offline_access) and gets a portal session, as Auth.js would make it. */
async function alexSignedIn(options: { config?: GraphAccessConfig } = {}) {
  const response = await signIn(new Browser(), authorizeUrl(emulator.url, MSSP_TENANT, { scope: "openid profile email offline_access" }), ALEX);
  const code = new URL(response.headers.get("location")!).searchParams.get("code")!;
  const tokens = (await (await redeemCode(emulator.url, MSSP_TENANT, { code })).json()) as { refresh_token: string };
  const objectId = emulator.world.findUserByUpn(ALEX)!.user.id;
  const workspace = await db.workspace.create({
    data: { name: "Northwind (test)", tenantId: randomUUID(), primaryDomain: `${randomUUID().slice(0, 8)}.example` },
    select: { id: true },
  });
  const user = await db.portalUser.create({
    data: { workspaceId: workspace.id, objectId, tenantId: MSSP_TENANT, name: "Alex Analyst", email: ALEX, role: "analyst" },
    select: { id: true },
  });
  const start = new Date();
  const sessionId = await createSession({ userId: user.id, workspaceId: workspace.id, refreshToken: tokens.refresh_token, secret: SECRET, limits, now: start });
  const refreshConfig = options.config ?? config;
  const check = (minutes: number) =>
    checkSession(sessionId, { secret: SECRET, limits, now: new Date(start.getTime() + minutes * 60_000), refresh: (subject) => refreshUserSignIn(refreshConfig, subject) });
  return { sessionId, userId: user.id, check };
}

describe("re-validation against Entra (emulator)", () => {
  it("confirms an unchanged user and stores the new refresh token", async () => {
    const { sessionId, check } = await alexSignedIn();
    const before = (await db.portalSession.findUniqueOrThrow({ where: { id: sessionId } })).refreshTokenSealed;
    expect(await check(10)).toMatchObject({ status: "active", user: { role: "analyst" } });
    const after = await db.portalSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(after.refreshTokenSealed).not.toBe(before);
    expect(after.roleCheckedAt.getTime()).toBeGreaterThan(after.createdAt.getTime());
  });

  it("ends the session at the next check after the app role is removed in Entra", async () => {
    const { check } = await alexSignedIn();
    await control("PATCH", `/users/${ALEX}`, { appRoles: [] });
    expect(await check(9)).toMatchObject({ status: "active" }); // not checked yet
    expect(await check(10)).toEqual({ status: "ended", reason: "role_removed" });
  });

  it("applies a role changed in Entra", async () => {
    const { userId, check } = await alexSignedIn();
    await control("PATCH", `/users/${ALEX}`, { appRoles: ["Gatehouse.Admin"] });
    expect(await check(10)).toMatchObject({ status: "active", user: { role: "admin" } });
    expect((await db.portalUser.findUniqueOrThrow({ where: { id: userId } })).role).toBe("admin");
  });

  it("ends the session of an account disabled in Entra", async () => {
    const { check } = await alexSignedIn();
    await control("PATCH", `/users/${ALEX}`, { accountEnabled: false });
    expect(await check(10)).toEqual({ status: "ended", reason: "account_disabled" });
  });

  it("ends the session when the user's sign-in sessions are revoked in Entra", async () => {
    const { check } = await alexSignedIn();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await control("POST", `/users/${ALEX}/revoke-sign-in-sessions`);
    expect(await check(10)).toEqual({ status: "ended", reason: "revoked_at_entra" });
  });

  it("treats our own rejected credentials and an unreachable Entra as outages: kept within 15 minutes, then ended", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const wrongSecret = await alexSignedIn({ config: { ...config, clientSecret: "not-the-secret" } });
    expect(await wrongSecret.check(10)).toMatchObject({ status: "active" });
    expect(await wrongSecret.check(15)).toEqual({ status: "ended", reason: "unverifiable" });

    const unreachable = await alexSignedIn({ config: { ...config, authorityHost: "https://127.0.0.1:1" } });
    expect(await unreachable.check(10)).toMatchObject({ status: "active" });
    expect(await unreachable.check(15)).toEqual({ status: "ended", reason: "unverifiable" });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/invalid_client|AADSTS7000215/));
    warn.mockRestore();
  });
});
