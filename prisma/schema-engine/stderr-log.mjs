// The CLI reads the engine's stderr as tracing-style JSON lines: it keeps `fields.message` of every
// line and reports the last `level: "ERROR"` line when the engine exits with code 1. One-shot `cli`
// commands are parsed line by line after skipping the first line, and `fields.error_code` is how
// the CLI recognises e.g. P1003 ("database does not exist") before creating the database.

/**
 * @param {"INFO" | "WARN" | "ERROR"} level
 * @param {string} message
 * @param {Record<string, unknown>} [fields]
 */
export function logToStderr(level, message, fields = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...fields },
    target: "schema_engine::logger",
  };
  process.stderr.write(JSON.stringify(line) + "\n");
}

/**
 * Forwards a log event emitted by the Wasm engine. They are usually JSON already; anything else is
 * wrapped so the CLI's line parser never sees a non-JSON line.
 * @param {unknown} event
 */
export function forwardEngineLog(event) {
  const text = String(event);
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === "object" && "fields" in parsed) {
      process.stderr.write(JSON.stringify(parsed) + "\n");
      return;
    }
  } catch {
    // not JSON: fall through and wrap it
  }
  logToStderr("INFO", text);
}
