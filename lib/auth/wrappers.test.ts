import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import type { CurrentUser } from "./current-user";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null, ended: null as string | null }));
vi.mock("./current-user", () => ({
  getCurrentUser: async () => session.user,
  getSessionState: async () => {
    if (session.ended) return { status: "ended", reason: session.ended };
    return session.user ? { status: "active", sessionId: "s1", user: session.user } : { status: "none" };
  },
}));

const { authorizedAction } = await import("./action");
const { withPermission } = await import("./route");

const user = (role: string): CurrentUser =>
  ({
    id: "u1",
    objectId: "o1",
    name: "Test",
    email: "t@example.com",
    role,
    workspace: { id: "w1", name: "W", tenantId: "t1", primaryDomain: "w.example" },
  }) as CurrentUser;

describe("authorizedAction", () => {
  const handler = vi.fn(async (input: { name: string }) => ({ data: input.name.toUpperCase() }));
  const action = authorizedAction(z.object({ name: z.string().min(2, "Too short.") }), "customers:write", handler);

  beforeEach(() => {
    handler.mockClear();
    session.user = null;
  });

  it("rejects invalid input before anything else, echoing what was typed", async () => {
    session.user = user("admin");
    const form = new FormData();
    form.set("name", "x");
    form.set("$ACTION_ID_abc", "");
    expect(await action({ status: "idle" }, form)).toEqual({
      status: "error",
      message: "Check the highlighted fields.",
      fieldErrors: { name: ["Too short."] },
      values: { name: "x" },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("rejects an anonymous caller", async () => {
    expect(await action({ status: "idle" }, { name: "ok" })).toEqual({ status: "error", message: "Your session has ended. Sign in again." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("tells a caller whose session the server ended why", async () => {
    session.ended = "idle";
    expect(await action({ status: "idle" }, { name: "ok" })).toEqual({
      status: "error",
      message: "Your session ended: it was inactive for too long. Sign in again.",
    });
    session.ended = null;
    expect(handler).not.toHaveBeenCalled();
  });

  it.each(["analyst", "approver", "superuser"])("rejects the %s role", async (role) => {
    session.user = user(role);
    expect(await action({ status: "idle" }, { name: "ok" })).toMatchObject({
      status: "error",
      message: "You do not have permission to do this.",
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler for an allowed role", async () => {
    session.user = user("admin");
    expect(await action({ status: "idle" }, { name: "ok" })).toEqual({ status: "success", data: "OK", message: undefined });
  });

  it("shows expected errors and hides unexpected ones", async () => {
    session.user = user("admin");
    handler.mockRejectedValueOnce(new NotFoundError("The customer"));
    expect(await action({ status: "idle" }, { name: "ok" })).toMatchObject({ message: "The customer was not found." });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    handler.mockRejectedValueOnce(new Error("connection string postgres://secret@db"));
    const result = await action({ status: "idle" }, { name: "ok" });
    expect(result).toMatchObject({ status: "error", message: "Something went wrong on our side. Nothing was changed; try again." });
    expect(JSON.stringify(result)).not.toContain("secret");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe("withPermission", () => {
  const route = withPermission<{ id: string }>("customers:read", async ({ params }) => {
    if (params.id === "missing") throw new NotFoundError("The customer");
    if (params.id === "boom") throw new Error("internal detail");
    return Response.json({ id: params.id });
  });
  const call = (id: string) => route(new Request("http://localhost/api/x"), { params: Promise.resolve({ id }) });

  it("answers 401 without a session and 403 without the permission", async () => {
    session.user = null;
    expect((await call("1")).status).toBe(401);
    session.user = user("analyst");
    const forbidden = await call("1");
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: "forbidden", message: "You do not have permission to do this." } });
  });

  it("answers 401 session_ended, with the reason, for a session the server ended", async () => {
    session.ended = "role_removed";
    const response = await call("1");
    session.ended = null;
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "session_ended", message: "Your session ended: your Gatehouse role was removed. Sign in again.", reason: "role_removed" },
    });
  });

  it("maps known errors to their status and hides the rest", async () => {
    session.user = user("admin");
    expect((await call("1")).status).toBe(200);
    expect((await call("missing")).status).toBe(404);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failed = await call("boom");
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain("internal detail");
    log.mockRestore();
  });
});
