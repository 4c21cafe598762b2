// JSON-RPC 2.0 over stdin/stdout, one message per line: the protocol the Prisma CLI speaks to the
// native schema-engine binary (node_modules/prisma/build/cli.js, class with `getRPCPayload`).
import { createInterface } from "node:readline";
import { toRpcError } from "./engine-errors.mjs";
import { dropLeftoverShadowDatabases } from "./shadow-database.mjs";
import { logToStderr } from "./stderr-log.mjs";

/** The CLI's method names are the Wasm API's, except this one. */
const METHOD_ALIASES = { getDatabaseVersion: "version" };

/** Bug 4: after applyMigrations the Wasm engine forgets its shadow-database factory. */
const LOST_SHADOW_FACTORY = "shadow DB must be provided through an external factory";

/**
 * @typedef {import("./wasm-engine.mjs").SchemaEngine} SchemaEngine
 * @typedef {{ engine: () => Promise<SchemaEngine>, errorRegistry: import("./engine-errors.mjs").ErrorRegistry }} EngineHandle
 */

/** @param {EngineHandle} handle @returns {Promise<void>} resolves when the CLI closes stdin */
export function serveJsonRpc(handle) {
  const printer = createPrinter();
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const message = parseMessage(line);
    if (!message) return;
    // Replies to our own `print` requests arrive on the same channel as the CLI's requests.
    if (message.method === undefined) return printer.settle(message);
    // The engine is not re-entrant, and the CLI waits for each answer anyway: one call at a time.
    queue = queue.then(() => answer(handle, message, printer));
  });
  return new Promise((resolve) => lines.on("close", () => resolve(queue)));
}

/** @param {string} line */
function parseMessage(line) {
  try {
    return JSON.parse(line);
  } catch {
    logToStderr("ERROR", `Could not parse JSON-RPC message: ${line.slice(0, 200)}`);
    return undefined;
  }
}

/**
 * @param {EngineHandle} handle
 * @param {{ id: number, method: string, params?: any }} request
 * @param {ReturnType<typeof createPrinter>} printer
 */
async function answer(handle, request, printer) {
  /** @type {Record<string, unknown>} */
  let reply;
  try {
    const engine = await handle.engine();
    const result = await callEngine(engine, request.method, request.params);
    // Void methods (reset, dbExecute, markMigration…) resolve to undefined, which JSON.stringify
    // drops; the CLI waits forever for a reply without `result`. The native engine sends `{}`.
    reply = { result: (await printDiffOutput(request.method, result, printer)) ?? {} };
  } catch (error) {
    reply = { error: toRpcError(error, handle.errorRegistry) };
  }
  await dropLeftoverShadowDatabases();
  process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id: request.id, ...reply }) + "\n");
}

/** @param {SchemaEngine} engine @param {string} method @param {any} params */
async function callEngine(engine, method, params) {
  const name = /** @type {keyof SchemaEngine} */ (METHOD_ALIASES[/** @type {"getDatabaseVersion"} */ (method)] ?? method);
  if (typeof engine[name] !== "function") throw new Error(`Unknown schema engine method: ${method}`);
  // Call through the engine object: a detached method loses its Wasm pointer (`__wbg_ptr`).
  const call = () => /** @type {any} */ (engine)[name](params);
  try {
    return await call();
  } catch (error) {
    if (!String(/** @type {any} */ (error)?.message).includes(LOST_SHADOW_FACTORY) || !params?.migrationsList) throw error;
    // devDiagnostic re-establishes the shadow database cache; then the original call succeeds.
    await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    return call();
  }
}

/**
 * The native engine prints `migrate diff` output by sending a `print` request to the CLI instead
 * of returning it (its DiffResult.stdout is always null); the Wasm engine returns it.
 * @param {string} method @param {any} result @param {ReturnType<typeof createPrinter>} printer
 */
async function printDiffOutput(method, result, printer) {
  if (method !== "diff" || !result?.stdout) return result;
  // The CLI appends a newline itself.
  await printer.print(result.stdout.replace(/\n$/, ""));
  return { ...result, stdout: null };
}

function createPrinter() {
  /** @type {Map<string, () => void>} */
  const pending = new Map();
  let nextId = 0;
  return {
    /** @param {string} content */
    print(content) {
      const id = `bridge-print-${++nextId}`;
      return new Promise((resolve) => {
        pending.set(id, () => resolve(undefined));
        process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id, method: "print", params: { content } }) + "\n");
      });
    },
    /** @param {{ id: string }} reply */
    settle(reply) {
      pending.get(reply.id)?.();
      pending.delete(reply.id);
    },
  };
}
