// `npm start`: one command brings up the database, the emulator (unless a real Entra app is
// configured), migrations, the demo workspace and the portal, and takes them down on Ctrl-C.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EnvError, parseEnv } from "../env-schema";
import { seedWorkspaceFromEnv } from "../../prisma/seed";
import { localAuthSecret } from "./auth-secret";
import { needsBuild } from "./build-freshness";
import { resolveDatabase } from "./database";
import { readDemoSettings } from "./demo-config";
import { writeDemoSeed } from "./demo-seed";
import { checkPorts, PortError, type PortClaim } from "./ports";
import { runPrismaCli } from "./prisma-cli";
import { manage, startProcess, waitForLine, type ManagedProcess } from "./processes";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const devMode = process.argv.includes("--dev");
const ephemeral = process.argv.includes("--ephemeral");
const log = (line: string) => console.log(`[gatehouse] ${line}`);
const running: ManagedProcess[] = [];
let stopDatabase: (() => Promise<void>) | undefined;
let shuttingDown: Promise<never> | undefined;

/** Idempotent: a second Ctrl-C (or the signal that npm and tsx forward too) waits for the first. */
function shutdown(code: number): Promise<never> {
  shuttingDown ??= (async () => {
    log("Shutting down …");
    for (const child of running.reverse()) await child.stop();
    await stopDatabase?.();
    process.exit(code);
  })();
  return shuttingDown;
}

/** Starts the emulator on a seed whose Gatehouse app redirects to this portal's AUTH_URL. */
async function startEmulator(env: NodeJS.ProcessEnv, seedPath: string, clientId: string): Promise<{ url: string; caCertPath: string }> {
  const dataDir = path.resolve(projectRoot, env.EMULATOR_DATA_DIR || path.join(".data", "emulator"));
  const seed = await writeDemoSeed({ seedPath, dataDir, clientId, authUrl: env.AUTH_URL! });
  const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
  const emulator = startProcess("emulator", tsx, ["emulator/main.ts", "--control"], { cwd: projectRoot, env: { ...env, EMULATOR_SEED: seed } });
  running.push(emulator);
  const line = await waitForLine(emulator, /https:\/\/[^\s]+/, 30_000);
  return { url: new URL(line).origin, caCertPath: path.join(dataDir, "ca.pem") };
}

/** Next prints a "Network:" address; the portal is meant to be opened at AUTH_URL only. */
const hideNetworkLine = (line: string) => /^\s*-\s*Network:/.test(line);

async function main(): Promise<void> {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const baseEnv = parseEnv(process.env);
  const port = String(baseEnv.PORT);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${port}`,
    AUTH_SECRET: baseEnv.AUTH_SECRET ?? (await localAuthSecret(projectRoot)),
  };

  // Fail before anything starts when a port is shared or taken, naming the variable to change.
  // The embedded PostgreSQL's port is checked where it is started (it may be ours, running).
  const demo = !baseEnv.ENTRA_CLIENT_ID;
  const claims: PortClaim[] = [{ variable: "PORT", port: baseEnv.PORT, purpose: "the portal" }];
  if (demo) claims.push({ variable: "EMULATOR_PORT", port: baseEnv.EMULATOR_PORT, purpose: "the Microsoft emulator" });
  if (!baseEnv.DATABASE_URL) claims.push({ variable: "EMBEDDED_POSTGRES_PORT", port: baseEnv.EMBEDDED_POSTGRES_PORT, purpose: "the embedded PostgreSQL", checkFree: false });
  await checkPorts(claims);

  const database = await resolveDatabase({
    databaseUrl: baseEnv.DATABASE_URL,
    projectRoot,
    ephemeral,
    embeddedPort: baseEnv.EMBEDDED_POSTGRES_PORT,
    log,
    onStop: (stop) => (stopDatabase = stop),
  });
  stopDatabase = database.stop;
  childEnv.DATABASE_URL = database.url;
  log("Applying database migrations …");
  await runPrismaCli(projectRoot, ["migrate", "deploy"], database.url, (child) => running.push(manage("migrate", child)));

  if (demo) {
    const seedPath = path.resolve(projectRoot, process.env.EMULATOR_SEED || "emulator/seed/demo.json");
    const settings = await readDemoSettings(seedPath);
    const emulator = await startEmulator(childEnv, seedPath, settings.clientId);
    Object.assign(childEnv, {
      GATEHOUSE_DEMO: "1",
      GATEHOUSE_DEMO_ACCOUNTS: JSON.stringify(settings.accounts),
      EMULATOR_URL: emulator.url,
      ENTRA_AUTHORITY_HOST: emulator.url,
      GRAPH_BASE_URL: emulator.url,
      ENTRA_CLIENT_ID: settings.clientId,
      ENTRA_CLIENT_SECRET: settings.clientSecret,
      GATEHOUSE_MSSP_TENANT_ID: settings.msspTenantId,
      GATEHOUSE_MSSP_DOMAIN: settings.msspDomain,
      GATEHOUSE_MSSP_NAME: settings.msspName,
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    });
    log(`Demo mode: Microsoft Entra ID and Graph are served by the local emulator at ${emulator.url}`);
    log(`Signing in opens ${emulator.url} in your browser: accept its local certificate once, or import ${path.relative(projectRoot, emulator.caCertPath)}.`);
  }

  // Validate the environment exactly as the portal will see it, demo values included.
  const finalEnv = parseEnv(childEnv);
  const workspace = await seedWorkspaceFromEnv(database.url, finalEnv);
  if (workspace?.created) log(`Created workspace for tenant ${finalEnv.GATEHOUSE_MSSP_TENANT_ID}`);

  const next = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  if (!devMode && (await needsBuild(projectRoot))) {
    log("Building the portal (first start or changed sources) …");
    const build = startProcess("build", process.execPath, [next, "build"], { cwd: projectRoot, env: childEnv });
    running.push(build);
    const code = await new Promise<number | null>((resolve) => build.child.once("exit", resolve));
    running.pop();
    if (code !== 0) throw new Error("next build failed; see the output above.");
  }
  // Our server around Next.js: it listens on HOST and derives the client address (web-server.ts).
  const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
  const web = startProcess("web", tsx, ["lib/launcher/web-server.ts", ...(devMode ? ["--dev"] : [])], {
    cwd: projectRoot,
    env: { ...childEnv, PORT: port },
    hideLine: hideNetworkLine,
  });
  running.push(web);
  await waitForLine(web, /Ready|started server|Local:/i, 120_000);
  log(`Gatehouse is running at ${finalEnv.AUTH_URL}  (Ctrl-C to stop)`);
  // The job worker (provisioning runs here, never in a request). `--conditions=react-server` lets
  // it load the server-only modules it shares with the portal.
  const worker = startProcess("worker", process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/jobs/main.ts"], {
    cwd: projectRoot,
    // Within the 10 s this launcher gives a child to stop; a longer drain only waits for the lease.
    env: { WORKER_DRAIN_SECONDS: "8", ...childEnv },
  });
  running.push(worker);
  await waitForLine(worker, /worker ready/, 60_000);
  web.child.once("exit", (code) => {
    if (!shuttingDown) {
      log(`The web server exited (code ${code ?? "null"}).`);
      void shutdown(1);
    }
  });
}

main().catch(async (error: unknown) => {
  if (error instanceof EnvError || error instanceof PortError) console.error(error.message);
  else console.error(`[gatehouse] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
