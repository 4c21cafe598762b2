import { parseArgs } from "node:util";
import { SeedError } from "./store/seed.ts";
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PAGE_SIZE, DEFAULT_PORT, DEFAULT_SEED_PATH, replicationLagFromEnv, startEmulator } from "./server.ts";

const HELP = `Local Microsoft Entra ID + Graph emulator

Usage: npm run emulator -- [options]

  --seed <path>        world to load            (EMULATOR_SEED, default ${DEFAULT_SEED_PATH})
  --port <n>           HTTPS port, 0 = any free (EMULATOR_PORT, default ${DEFAULT_PORT})
  --host <name>        host name to bind        (EMULATOR_HOST, default ${DEFAULT_HOST})
  --data-dir <path>    certificates and keys    (EMULATOR_DATA_DIR, default ${DEFAULT_DATA_DIR})
  --control            enable /_emulator/*      (EMULATOR_CONTROL=1)
  --traffic-log <path> append Graph calls       (EMULATOR_TRAFFIC_LOG)
  --page-size <n>      Graph server page size   (EMULATOR_PAGE_SIZE, default ${DEFAULT_PAGE_SIZE})
  --replication-lag-ms <n>  new objects stay invisible to reads for n ms
                       (EMULATOR_REPLICATION_LAG_MS, default 0)
  --quiet              print nothing but errors
  --help               this text
`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 65535 * 1000) fail(`${name} must be an integer >= ${min}, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        "data-dir": { type: "string" },
        control: { type: "boolean" },
        "traffic-log": { type: "string" },
        "page-size": { type: "string" },
        "replication-lag-ms": { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  // An empty variable counts as unset, as in most shells' `VAR= cmd`.
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")) as NodeJS.ProcessEnv;
  const port = integer("port", values.port ?? env.EMULATOR_PORT, DEFAULT_PORT, 0);
  if (port > 65535) fail(`port must be at most 65535, got ${port}`);
  const trafficLogPath = values["traffic-log"] ?? env.EMULATOR_TRAFFIC_LOG;
  const lagFlag = values["replication-lag-ms"] ?? env.EMULATOR_REPLICATION_LAG_MS;
  let replicationLagMs = 0;
  try {
    replicationLagMs = replicationLagFromEnv(lagFlag);
  } catch (error) {
    fail((error as Error).message);
  }
  try {
    const emulator = await startEmulator({
      seed: values.seed ?? env.EMULATOR_SEED ?? DEFAULT_SEED_PATH,
      port,
      host: values.host ?? env.EMULATOR_HOST ?? DEFAULT_HOST,
      dataDir: values["data-dir"] ?? env.EMULATOR_DATA_DIR ?? DEFAULT_DATA_DIR,
      control: values.control ?? env.EMULATOR_CONTROL === "1",
      ...(trafficLogPath ? { trafficLogPath } : {}),
      pageSize: integer("page size", values["page-size"] ?? env.EMULATOR_PAGE_SIZE, DEFAULT_PAGE_SIZE, 1),
      replicationLagMs,
      quiet: values.quiet ?? false,
    });
    const stop = (signal: string) => {
      if (!values.quiet) console.log(`Emulator stopping (${signal})`);
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  } catch (error) {
    if (error instanceof SeedError) fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") fail(`Port ${port} is already in use. Stop the other process or pass --port.`);
    if (code === "EACCES") fail(`Not allowed to listen on port ${port}.`);
    // Configuration mistakes (e.g. a bad EMULATOR_FAULTS) read better without a stack.
    fail(`Emulator failed to start: ${env.EMULATOR_DEBUG ? ((error as Error).stack ?? String(error)) : (error as Error).message}`);
  }
}

await main();
