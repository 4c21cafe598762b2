// Integration (real PostgreSQL): sessions end on the server, with a test clock; Entra's answers
// are scripted here (the emulator-backed cases are in revalidate-emulator.test.ts).
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { RefreshSubject, UserRefreshOutcome } from "@/lib/graph/user-refresh";
import { createWorkspaceUser } from "@/lib/testing/fixtures";
import { checkSession, type SessionCheckDeps } from "./check";
import { limitsFrom } from "./policy";
import { openRefreshToken, sealRefreshToken } from "./seal";
import { createSession, endSession } from "./store";

const SECRET = "test-secret-that-is-at-least-32-characters-long";
const limits = limitsFrom({ SESSION_ABSOLUTE_HOURS: 12, SESSION_IDLE_MINUTES: 120, SESSION_ROLE_CHECK_MINUTES: 10 });
const start = new Date("2026-12-01T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

type Refresh = (subject: RefreshSubject) => Promise<UserRefreshOutcome>;
const valid = (roles: unknown = ["Gatehouse.Admin"]): Refresh => async () => ({ kind: "valid", roles, refreshToken: `rt-${Math.random()}` });

async function signedIn(refreshToken: string | null = "rt-initial") {
  const user = await createWorkspaceUser("admin");
  const sessionId = await createSession({ userId: user.id, workspaceId: user.workspace.id, refreshToken: refreshToken ?? undefined, secret: SECRET, limits, now: start });
  const check = (minutes: number, refresh: Refresh = valid()) => checkSession(sessionId, { secret: SECRET, limits, refresh, now: at(minutes) } satisfies SessionCheckDeps);
  return { user, sessionId, check };
}

const row = (id: string) => db.portalSession.findUniqueOrThrow({ where: { id } });
const audit = (workspaceId: string, action: string) =>
  db.auditEvent.findMany({ where: { workspaceId, action }, select: { actor: true, details: true, target: true } });

describe("a live session", () => {
  it("opens with the user re-read from the database, and records activity at most once a minute", async () => {
    const { user, sessionId, check } = await signedIn();
    expect(await check(0)).toEqual({ status: "active", sessionId, user });
    await check(0.5);
    expect((await row(sessionId)).lastSeenAt).toEqual(start);
    await check(1);
    expect((await row(sessionId)).lastSeenAt).toEqual(at(1));
  });

  it("keeps the refresh token sealed, bound to its session", async () => {
    const { sessionId } = await signedIn("the-refresh-token");
    const sealed = (await row(sessionId)).refreshTokenSealed!;
    expect(sealed).not.toContain("the-refresh-token");
    expect(openRefreshToken(SECRET, sessionId, sealed)).toBe("the-refresh-token");
    expect(openRefreshToken(`${SECRET}-rotated`, sessionId, sealed)).toBeNull();
    expect(openRefreshToken(SECRET, "another-session", sealed)).toBeNull();
    expect(openRefreshToken(SECRET, sessionId, sealRefreshToken(SECRET, "another-session", "x"))).toBeNull();
  });

  it("at the next sign-in, drops the refresh tokens of abandoned sessions and deletes month-old ones", async () => {
    const { user, sessionId: abandoned } = await signedIn();
    const old = await createSession({ userId: user.id, workspaceId: user.workspace.id, refreshToken: "rt-old", secret: SECRET, limits, now: at(-40 * 24 * 60) });
    const live = await createSession({ userId: user.id, workspaceId: user.workspace.id, refreshToken: "rt-live", secret: SECRET, limits, now: at(150) });
    await createSession({ userId: user.id, workspaceId: user.workspace.id, refreshToken: "rt-new", secret: SECRET, limits, now: at(160) });
    expect((await row(abandoned)).refreshTokenSealed).toBeNull();
    expect((await row(live)).refreshTokenSealed).not.toBeNull();
    expect(await db.portalSession.findUnique({ where: { id: old } })).toBeNull();
  });

  it("is unknown for an id that was never issued", async () => {
    expect(await checkSession("no-such-session", { secret: SECRET, limits, refresh: valid() })).toEqual({ status: "none" });
    expect(await checkSession(undefined, { secret: SECRET, limits, refresh: valid() })).toEqual({ status: "none" });
  });
});

describe("limits (test clock)", () => {
  it("ends an idle session after two hours, once, and audits why", async () => {
    const { user, sessionId, check } = await signedIn();
    expect((await check(119)).status).toBe("active");
    const [first, second] = await Promise.all([check(119 + 120), check(119 + 120)]);
    expect(first).toEqual({ status: "ended", reason: "idle" });
    expect(second).toEqual({ status: "ended", reason: "idle" });
    expect(await row(sessionId)).toMatchObject({ endedAt: at(239), endReason: "idle", refreshTokenSealed: null });
    const events = await audit(user.workspace.id, "auth.session_ended");
    expect(events).toEqual([{ actor: "system", target: `user:${user.id}`, details: { reason: "idle", sessionStartedAt: start.toISOString() } }]);
    // Activity after the end does not revive it.
    expect(await check(240)).toEqual({ status: "ended", reason: "idle" });
  });

  it("ends a session at twelve hours however active it is", async () => {
    const { sessionId, check } = await signedIn();
    for (let minutes = 30; minutes < 12 * 60; minutes += 30) expect((await check(minutes)).status, `at ${minutes} min`).toBe("active");
    expect(await check(12 * 60)).toEqual({ status: "ended", reason: "absolute" });
    expect((await row(sessionId)).endReason).toBe("absolute");
  });

  it("ends at sign-out: the same cookie opens nothing afterwards", async () => {
    const { user, sessionId, check } = await signedIn();
    expect(await endSession(sessionId, "sign_out", at(5))).toBe(true);
    expect(await endSession(sessionId, "sign_out", at(6))).toBe(false);
    expect(await check(6)).toEqual({ status: "ended", reason: "sign_out" });
    expect(await audit(user.workspace.id, "auth.sign_out")).toHaveLength(1);
  });
});

describe("re-validation at Entra (scripted answers)", () => {
  it("asks Entra every ten minutes, once for concurrent requests, and keeps the new refresh token", async () => {
    const { sessionId, check } = await signedIn("rt-initial");
    const refresh = vi.fn<Refresh>(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { kind: "valid", roles: ["Gatehouse.Admin"], refreshToken: "rt-second" };
    });
    await check(9, refresh);
    expect(refresh).not.toHaveBeenCalled();
    const results = await Promise.all(Array.from({ length: 5 }, () => check(10, refresh)));
    expect(results.every((r) => r.status === "active")).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh.mock.calls[0]![0]).toMatchObject({ refreshToken: "rt-initial" });
    const after = await row(sessionId);
    expect(after.roleCheckedAt).toEqual(at(10));
    expect(openRefreshToken(SECRET, sessionId, after.refreshTokenSealed!)).toBe("rt-second");
  });

  it("applies a changed role from the next request, and audits it", async () => {
    const { user, check } = await signedIn();
    const result = await check(10, valid(["Gatehouse.Analyst"]));
    expect(result).toMatchObject({ status: "active", user: { role: "analyst" } });
    expect((await db.portalUser.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("analyst");
    expect(await audit(user.workspace.id, "auth.role_changed")).toEqual([{ actor: "system", target: `user:${user.id}`, details: { from: "admin", to: "analyst" } }]);
  });

  it.each([
    ["no roles claim left in the ID token", (async () => ({ kind: "valid", roles: undefined, refreshToken: "rt" })) as Refresh, "role_removed"],
    ["only roles of other apps", valid(["Other.Role"]), "role_removed"],
    ["a disabled account (AADSTS50057)", (async () => ({ kind: "disabled", code: "AADSTS50057" })) as Refresh, "account_disabled"],
    ["an app assignment removed (AADSTS50105)", (async () => ({ kind: "unassigned", code: "AADSTS50105" })) as Refresh, "role_removed"],
    ["revoked sign-in sessions (AADSTS50173)", (async () => ({ kind: "refused", code: "AADSTS50173" })) as Refresh, "revoked_at_entra"],
  ] as const)("ends the session for %s", async (_name, refresh, reason) => {
    const { user, sessionId, check } = await signedIn();
    expect(await check(10, refresh)).toEqual({ status: "ended", reason });
    expect(await row(sessionId)).toMatchObject({ endReason: reason, refreshTokenSealed: null });
    expect(await audit(user.workspace.id, "auth.session_ended")).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason }) })]);
  });

  it("rides out an Entra outage for at most fifteen minutes after the last confirmation", async () => {
    const { user, sessionId, check } = await signedIn();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const down: Refresh = async () => ({ kind: "unavailable", detail: "token endpoint answered 503 http_503" });
    expect(await check(10, down)).toMatchObject({ status: "active", user: { role: "admin" } });
    expect(await check(14, down)).toMatchObject({ status: "active" });
    expect((await row(sessionId)).roleCheckedAt).toEqual(start);
    expect(await check(15, down)).toEqual({ status: "ended", reason: "unverifiable" });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    const [event] = await audit(user.workspace.id, "auth.session_ended");
    expect(event?.details).toMatchObject({ reason: "unverifiable", detail: "token endpoint answered 503 http_503" });
  });

  it("ends a session whose refresh token cannot be opened (no token, or another AUTH_SECRET) at its first check", async () => {
    const { check } = await signedIn(null);
    expect(await check(10)).toEqual({ status: "ended", reason: "unverifiable" });
    const other = await signedIn("rt");
    const refresh = vi.fn(valid());
    expect(await checkSession(other.sessionId, { secret: `${SECRET}-rotated`, limits, refresh, now: at(10) })).toEqual({ status: "ended", reason: "unverifiable" });
    expect(refresh).not.toHaveBeenCalled();
  });
});
