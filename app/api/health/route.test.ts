import type * as fsPromises from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";

const database = vi.hoisted(() => ({ down: false, applied: [] as string[] }));
vi.mock("@/lib/db", () => ({
  db: {
    $queryRaw: async (strings: TemplateStringsArray) => {
      if (database.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return strings.join("").includes("_prisma_migrations") ? database.applied.map((migration_name) => ({ migration_name })) : [{ "?column?": 1 }];
    },
  },
}));
vi.mock("node:fs/promises", async (original) => ({
  ...(await original<typeof fsPromises>()),
  readdir: async () => [{ name: "20261127031513_init", isDirectory: () => true }, { name: "migration_lock.toml", isDirectory: () => false }],
}));

const { GET } = await import("./route");

describe("GET /api/health", () => {
  it("is 200 when the database is reachable and every migration is applied", async () => {
    database.down = false;
    database.applied = ["20261127031513_init"];
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { reachable: true },
      migrations: { upToDate: true, applied: 1, pending: [] },
    });
  });

  it("is 503 and names the pending migrations when the database is behind", async () => {
    database.applied = [];
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "degraded", migrations: { upToDate: false, pending: ["20261127031513_init"] } });
  });

  it("is 503 when the database is down, and keeps the cause out of the public answer", async () => {
    database.down = true;
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: "down", database: { reachable: false }, migrations: null });
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
