// Turns whatever the Wasm engine throws into the JSON-RPC error object the native engine sends, so
// the CLI shows the same messages (it prints `error.data.message`, prefixed by `error_code`).
import { panicRegistry } from "./wasm-engine.mjs";

const EXTERNAL_ERROR = /External error id#(\d+)/;
/** The Wasm engine appends a tracing span trace ("   0: module::fn …") that the native one omits. */
const SPAN_TRACE = /\n\s+0: [\s\S]*$/;
const FAILED_MIGRATION = /apply_migration::apply_script\s+with migration_name="([^"]+)"/;

/**
 * @typedef {{ consumeError(id: number): { error: unknown } | undefined }} ErrorRegistry
 * @typedef {{ code: number, message: string, data: { is_panic: boolean, message: string, error_code?: string, meta?: unknown, error?: { message: string } } }} RpcError
 */

/**
 * @param {unknown} thrown
 * @param {ErrorRegistry} registry errors raised by our JS adapter are parked here by the binder
 * @returns {RpcError}
 */
export function toRpcError(thrown, registry) {
  const error = /** @type {any} */ (thrown);
  if (isWasmPanic(error)) {
    const message = panicRegistry.message || String(error?.message ?? error);
    return rpcError({ is_panic: true, message, error: { message } });
  }
  const external = EXTERNAL_ERROR.exec(String(error?.message ?? ""));
  if (external) {
    const original = /** @type {any} */ (registry.consumeError(Number(external[1]))?.error);
    if (original) return toRpcError(original, registry);
  }
  const message = String(error?.message ?? error).replace(SPAN_TRACE, "");
  if (typeof error?.code === "string" && /^P\d{4}$/.test(error.code)) {
    return rpcError({ is_panic: false, message, error_code: error.code, meta: error.meta });
  }
  const failedMigration = FAILED_MIGRATION.exec(String(error?.message));
  if (failedMigration) return migrationFailed(failedMigration[1], message);
  return rpcError({ is_panic: false, message });
}

/**
 * The native engine reports a migration script that fails as P3018; the Wasm engine only says
 * "external connector error". Restore the code and wording scripts and docs rely on.
 * @param {string | undefined} migrationName @param {string} databaseError
 */
function migrationFailed(migrationName, databaseError) {
  const message = [
    "A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve",
    `Migration name: ${migrationName}`,
    `Database error:\n${databaseError.replace(/^external connector error\n/, "")}`,
  ].join("\n\n");
  return rpcError({ is_panic: false, message, error_code: "P3018", meta: { migration_name: migrationName } });
}

/** @param {RpcError["data"]} data @returns {RpcError} */
function rpcError(data) {
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

/** @param {any} error */
function isWasmPanic(error) {
  return error instanceof WebAssembly.RuntimeError || error?.name === "RuntimeError";
}
