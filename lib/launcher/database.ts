// Resolves the database for the CLI entry points: DATABASE_URL when set, otherwise an embedded
// PostgreSQL (data in .data/postgres). The named database is created if it is missing.
// Ephemeral mode (e2e runs) uses a fresh, randomly named database, and for the embedded server a
// throw-away data directory, and removes both on stop, so a run leaves nothing behind.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseName, dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from "./embedded-postgres";

export const EMBEDDED_DATABASE = "gatehouse";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function resolveDatabase(options: {
  databaseUrl: string | undefined;
  projectRoot: string;
  ephemeral?: boolean;
  embeddedPort: number;
  log: (line: string) => void;
}): Promise<ResolvedDatabase> {
  const name = (fallback: string) =>
    options.ephemeral ? `gatehouse_run_${randomBytes(6).toString("hex")}` : fallback;

  if (options.databaseUrl) {
    const url = withDatabase(options.databaseUrl, name(databaseName(options.databaseUrl)));
    await ensureDatabase(url, databaseName(url));
    const stop = options.ephemeral ? () => dropDatabase(url, databaseName(url)) : async () => undefined;
    return { url, embedded: false, stop };
  }

  const scratch = options.ephemeral ? await mkdtemp(path.join(tmpdir(), "gatehouse-pg-")) : undefined;
  if (scratch) await chmod(scratch, 0o755);
  const port = options.embeddedPort;
  const server = await startEmbeddedPostgres({
    dataDir: scratch ? path.join(scratch, "data") : path.join(options.projectRoot, ".data", "postgres"),
    port,
    log: options.log,
  });
  const url = server.urlFor(name(EMBEDDED_DATABASE));
  await ensureDatabase(url, databaseName(url));
  options.log(`Embedded PostgreSQL on 127.0.0.1:${port}${scratch ? " (throw-away)" : " (data in .data/postgres)"}`);
  return {
    url,
    embedded: true,
    async stop() {
      await server.stop();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    },
  };
}
