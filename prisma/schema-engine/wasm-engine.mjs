// Loads @prisma/schema-engine-wasm by hand: its entry point does `import * as wasm from "./x.wasm"`,
// which Node 20 cannot evaluate (ESM Wasm integration needs --experimental-wasm-modules), so we
// instantiate the .wasm ourselves and hand the exports to the wasm-bindgen glue module.
import { readFile } from "node:fs/promises";

/** Rust panics reach JS as `RuntimeError: unreachable`; the glue stores the real message here. */
export const panicRegistry = {
  message: "",
  /** @param {string} message */
  set_message(message) {
    this.message = message;
  },
};

/** @typedef {import("@prisma/schema-engine-wasm").SchemaEngine} SchemaEngine */

/** @type {Promise<typeof import("@prisma/schema-engine-wasm")> | undefined} */
let gluePromise;

function loadGlue() {
  gluePromise ??= (async () => {
    Object.assign(globalThis, { PRISMA_WASM_PANIC_REGISTRY: panicRegistry });
    const glueUrl = new URL(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const glue = await import(glueUrl.href);
    const bytes = await readFile(new URL("schema_engine_bg.wasm", glueUrl));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    /** @type {any} */ (instance.exports).__wbindgen_start();
    return glue;
  })();
  return gluePromise;
}

/** The engine commit hash, as the native binary prints it for `--version`. */
export async function wasmEngineVersion() {
  return (await loadGlue()).version();
}

/**
 * @param {[path: string, content: string][] | undefined} datamodels
 * @param {(event: unknown) => void} onLog
 * @param {object} adapterFactory a factory bound with bindMigrationAwareSqlAdapterFactory
 * @returns {Promise<SchemaEngine>}
 */
export async function createWasmEngine(datamodels, onLog, adapterFactory) {
  const { SchemaEngine } = await loadGlue();
  return SchemaEngine.new({ datamodels }, onLog, adapterFactory);
}
