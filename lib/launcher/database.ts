// Resolves the database for the CLI entry points: DATABASE_URL when set, otherwise an embedded
// PostgreSQL (data in .data/postgres). The named database is created if it is missing.
// Ephemeral mode (e2e runs) drops the database on stop, and for the embedded server uses a
// throw-away data directory, so a run leaves nothing behind.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { embeddedPostgresPassword } from "./embedded-password";
import { databaseName, dropDatabase, ensureDatabase, runningEmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";
import { adoptLegacyPassword } from "./legacy-password";
import { isPortFree, portBusyError } from "./ports";

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
  /** Told as soon as there is a server to stop, so an interrupted start-up still stops it. */
  onStop?: (stop: () => Promise<void>) => void;
}): Promise<ResolvedDatabase> {
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    await ensureDatabase(url, databaseName(url));
    const stop = options.ephemeral ? () => dropDatabase(url, databaseName(url)) : async () => undefined;
    return { url, embedded: false, stop };
  }

  const { password } = embeddedPostgresPassword(options.projectRoot);
  if (!options.ephemeral) {
    const running = await runningEmbeddedPostgres(options.embeddedPort, password);
    if (running) {
      const url = running.urlFor(EMBEDDED_DATABASE);
      await ensureDatabase(url, EMBEDDED_DATABASE);
      options.log(`Using the embedded PostgreSQL already running on 127.0.0.1:${options.embeddedPort}`);
      return { url, embedded: true, stop: running.stop };
    }
  }
  // Not ours (or a throw-away run): the port must be free, else say which variable to change.
  const claim = { variable: "EMBEDDED_POSTGRES_PORT", port: options.embeddedPort, purpose: "the embedded PostgreSQL" };
  if (!(await isPortFree(claim.port))) throw await portBusyError(claim);
  const scratch = options.ephemeral ? await mkdtemp(path.join(tmpdir(), "gatehouse-pg-")) : undefined;
  if (scratch) await chmod(scratch, 0o755);
  const port = options.embeddedPort;
  const dataDir = scratch ? path.join(scratch, "data") : path.join(options.projectRoot, ".data", "postgres");
  const server = await startEmbeddedPostgres({ dataDir, port, password, log: options.log });
  const stop = async () => {
    await server.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  options.onStop?.(stop);
  const url = server.urlFor(EMBEDDED_DATABASE);
  try {
    // A data directory from before the password was generated still has the old fixed one.
    if (!scratch) await adoptLegacyPassword(port, password, options.log);
    await ensureDatabase(url, EMBEDDED_DATABASE);
  } catch (error) {
    await stop();
    throw error;
  }
  options.log(`Embedded PostgreSQL on 127.0.0.1:${port}${scratch ? " (throw-away)" : " (data in .data/postgres)"}`);
  return { url, embedded: true, stop };
}
