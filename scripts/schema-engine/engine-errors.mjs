// Turns whatever the Wasm engine throws into the JSON-RPC error object the native engine sends, so
// the CLI shows the same messages (it prints `error.data.message`, prefixed by `error_code`).
import { panicRegistry } from "./wasm-engine.mjs";

const EXTERNAL_ERROR = /External error id#(\d+)/;

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
  const message = String(error?.message ?? error);
  if (typeof error?.code === "string" && /^P\d{4}$/.test(error.code)) {
    return rpcError({ is_panic: false, message, error_code: error.code, meta: error.meta });
  }
  return rpcError({ is_panic: false, message });
}

/** @param {RpcError["data"]} data @returns {RpcError} */
function rpcError(data) {
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

/** @param {any} error */
function isWasmPanic(error) {
  return error instanceof WebAssembly.RuntimeError || error?.name === "RuntimeError";
}
