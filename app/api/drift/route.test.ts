// /api/drift against a real database: a hostile `since` is no progress, never a 500.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type * as Route from "./route";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getSessionState: async () => (session.user ? { status: "active", sessionId: "s1", user: session.user } : { status: "none" }),
}));

let route: typeof Route;

beforeAll(async () => {
  route = await import("./route");
  session.user = await (await import("@/lib/testing/fixtures")).createWorkspaceUser();
});

describe("GET /api/drift", () => {
  it.each(["-100000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "garbage"])("since=%s: the view without progress", async (since) => {
    const response = await route.GET(new Request(`http://localhost/api/drift?since=${encodeURIComponent(since)}`), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ progress: null });
  });
});
