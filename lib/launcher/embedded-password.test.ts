// The embedded PostgreSQL's password: generated per install into .data (0600), reused on the next
// start, and the only one the server accepts, including for a data directory from before.
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "./database";
import { embeddedPasswordFile, embeddedPostgresPassword } from "./embedded-password";
import { acceptsConnection, embeddedDatabaseUrl, startEmbeddedPostgres } from "./embedded-postgres";
import { freePort } from "./ports";

const roots: string[] = [];
async function projectRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "gatehouse-pw-"));
  await chmod(root, 0o755); // the server runs as the `postgres` system user
  roots.push(root);
  return root;
}
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});


const accepts = (url: string) => acceptsConnection(url, 3000);

describe("embedded PostgreSQL password", () => {
  it("is generated into .data with mode 0600, reused, and different per install", async () => {
    const root = await projectRoot();
    const first = embeddedPostgresPassword(root);
    expect(first.created).toBe(true);
    expect(first.password.length).toBeGreaterThanOrEqual(32);
    const file = embeddedPasswordFile(root);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim()).toBe(first.password);

    expect(embeddedPostgresPassword(root)).toEqual({ password: first.password, created: false });
    expect(embeddedPostgresPassword(await projectRoot()).password).not.toBe(first.password);
  });

  it("is not written in the launcher's sources", async () => {
    const { password } = embeddedPostgresPassword(await projectRoot());
    for (const source of ["embedded-postgres.ts", "database.ts", "embedded-password.ts", "db-cli.ts", "start.ts"]) {
      const text = await readFile(path.join(import.meta.dirname, source), "utf8");
      expect(text).not.toContain(password);
      expect(text, source).not.toMatch(/password:\s*["'][^"']+["']/);
    }
  });

  it("is the one the server accepts on every start, and replaces the old fixed password", async () => {
    const root = await projectRoot();
    const port = await freePort();
    // A data directory initialised by an older Gatehouse, with its fixed password.
    const legacy = await startEmbeddedPostgres({ dataDir: path.join(root, ".data", "postgres"), port, password: "gatehouse-embedded" });
    await legacy.stop();

    const log: string[] = [];
    const first = await resolveDatabase({ databaseUrl: undefined, projectRoot: root, embeddedPort: port, log: (l) => log.push(l) });
    try {
      const { password } = embeddedPostgresPassword(root);
      expect(first.url).toBe(embeddedDatabaseUrl(port, password, "gatehouse"));
      expect(await accepts(first.url)).toBe(true);
      expect(await accepts(embeddedDatabaseUrl(port, "gatehouse-embedded", "gatehouse"))).toBe(false);
      expect(log.join("\n")).toMatch(/Replaced the embedded PostgreSQL's old fixed password/);
    } finally {
      await first.stop();
    }

    // The next start reads the same file and the server still accepts it.
    const second = await resolveDatabase({ databaseUrl: undefined, projectRoot: root, embeddedPort: port, log: () => undefined });
    try {
      expect(second.url).toBe(first.url);
      expect(await accepts(second.url)).toBe(true);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
