import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getSessionState: async () => (session.user ? { status: "active", sessionId: "test-session", user: session.user } : { status: "none" }),
}));
const { GET } = await import("./route");

const call = (query = "") => GET(new Request(`http://localhost/audit/export${query}`), { params: Promise.resolve({}) });

describe("GET /audit/export", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("streams the filtered set as CSV, in words, within the workspace", async () => {
    const admin = await createWorkspaceUser();
    const mallory = await createWorkspaceUser();
    const customer = await db.customer.create({ data: { workspaceId: admin.workspace.id, displayName: "=Contoso, \"Ltd\"", primaryDomain: uniqueDomain() }, select: { id: true } });
    const rows = [
      { workspaceId: admin.workspace.id, actor: `user:${admin.objectId}`, action: "invite.issued", target: `customer:${customer.id}`, details: { inviteId: "i-1", expiresAt: "2026-12-15T10:00:00.000Z" }, at: new Date("2026-11-10T10:00:00Z") },
      ...Array.from({ length: 600 }, (_, i) => ({ workspaceId: admin.workspace.id, actor: "anonymous", action: "auth.sign_in_refused", target: null, details: { name: `Visitor ${i}` }, at: new Date(Date.parse("2026-11-01T00:00:00Z") + i * 1000) })),
      { workspaceId: mallory.workspace.id, actor: `user:${mallory.objectId}`, action: "invite.issued", target: null, details: {}, at: new Date("2026-11-10T10:00:00Z") },
    ];
    await db.auditEvent.createMany({ data: rows });

    session.user = admin;
    const response = await call("?action=invite.issued&cursor=ignored&dir=older");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="gatehouse-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Time (UTC),Who,Actor ID,Action,Action code,Customer,Customer ID,Target,Details,Details (JSON)");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`2026-11-10T10:00:00.000Z,admin user,user:${admin.objectId},Consent link created,invite.issued,"'=Contoso, ""Ltd""",${customer.id}`);
    expect(lines[1]).toContain("Consent link ID: i-1; Link expires: 2026-12-15T10:00:00.000Z");

    // More than one batch (500) of a filter, every row once.
    const all = (await (await call("?action=auth.sign_in_refused")).text()).trimEnd().split("\r\n");
    expect(all).toHaveLength(601);
    expect(new Set(all.slice(1).map((l) => l.split(",")[1])).size).toBe(600);
  });

  it("refuses without a session, without audit:read, and for bad filters", async () => {
    expect((await call()).status).toBe(401);
    const admin = await createWorkspaceUser();
    session.user = await addUser(admin.workspace, "analyst");
    expect((await call()).status).toBe(403);
    session.user = admin;
    const bad = await call("?from=2026-13-01");
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toContain("From: ");
  });
});
