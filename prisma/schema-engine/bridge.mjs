// Stand-in for Prisma's native schema-engine binary (which cannot be downloaded here): speaks the
// same command line and JSON-RPC protocol, backed by @prisma/schema-engine-wasm and adapter-pg.
// See docs/decisions/001-offline-schema-engine.md.
import { readFile } from "node:fs/promises";
import { parseEngineArgs } from "./args.mjs";
import { runCliCommand } from "./cli-commands.mjs";
import { createAdapterFactory } from "./pg-adapter.mjs";
import { serveJsonRpc } from "./rpc-server.mjs";
import { dropLeftoverShadowDatabases } from "./shadow-database.mjs";
import { forwardEngineLog, logToStderr } from "./stderr-log.mjs";
import { createWasmEngine, wasmEngineVersion } from "./wasm-engine.mjs";

async function main() {
  const args = parseEngineArgs(process.argv.slice(2));
  if (args.printVersion) {
    process.stdout.write(`schema-engine-cli ${await wasmEngineVersion()}\n`);
    return 0;
  }
  if (!args.datasource) throw new Error("--datasource is required: this bridge only supports PostgreSQL via a connection URL");
  if (args.cliCommand) return runCliCommand(args.cliCommand, args.datasource.url);

  const datamodels = await Promise.all(
    args.datamodelPaths.map(async (path) => /** @type {[string, string]} */ ([path, await readFile(path, "utf8")])),
  );
  const adapterFactory = createAdapterFactory(args.datasource);
  /** @type {Promise<import("./wasm-engine.mjs").SchemaEngine> | undefined} */
  let engine;
  await serveJsonRpc({
    // Created on first use so that a bad datasource is reported as an answer to a request.
    engine: () => (engine ??= createWasmEngine(datamodels.length ? datamodels : undefined, forwardEngineLog, adapterFactory)),
    errorRegistry: adapterFactory.errorRegistry,
  });
  return 0;
}

// The CLI closes stdin and immediately sends SIGTERM when it is done with the engine; Ctrl-C
// reaches us as SIGINT. Either way, shadow databases created so far must not outlive us.
process.on("SIGTERM", () => shutdown(0));
process.on("SIGINT", () => shutdown(130));

async function shutdown(/** @type {number} */ code) {
  await dropLeftoverShadowDatabases();
  process.exit(code);
}

main().then(shutdown, (error) => {
  logToStderr("ERROR", String(error?.stack ?? error));
  return shutdown(1);
});
