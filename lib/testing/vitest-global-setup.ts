// Gives every test run its own database (on DATABASE_URL's server, or on an embedded PostgreSQL
// when none is configured), migrated with the real Prisma CLI, and removes it afterwards.
// Also makes test workers trust the emulator's local CA (Node reads it only at process start).
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from "../launcher/embedded-postgres";
import { runPrismaCli } from "../launcher/prisma-cli";
import { freePort } from "../launcher/ports";
import { ensureCertificates } from "../../emulator/certs/certificates";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");


export default async function setup(): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), "gatehouse-test-pg-"));
    await chmod(dir, 0o755);
    // A throw-away server: its password lives only as long as this run.
    const password = randomBytes(18).toString("base64url");
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await freePort(), password });
    serverUrl = server.urlFor("postgres");
    cleanups.push(async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    });
  }
  const database = `gatehouse_test_${randomBytes(6).toString("hex")}`;
  const url = withDatabase(serverUrl, database);
  await ensureDatabase(url, database);
  cleanups.unshift(() => dropDatabase(url, database));
  await runPrismaCli(projectRoot, ["migrate", "deploy"], url);
  process.env.DATABASE_URL = url;

  const certs = await ensureCertificates(path.join(projectRoot, ".data", "emulator"));
  process.env.NODE_EXTRA_CA_CERTS = certs.caCertPath;

  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
