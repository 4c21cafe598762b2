// Auth.js logs every sign-in error with its stack. A person pressing "Back" or "Cancel" at
// Microsoft is no fault of Gatehouse: that becomes one warning line with Microsoft's reason;
// real errors keep their stack.

interface Sink {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

function field(source: unknown, key: string): string | undefined {
  const value = source && typeof source === "object" ? (source as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value ? value : undefined;
}

/** Microsoft's `error` and the first line of its `error_description`, wherever Auth.js put them. */
export function providerReason(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = field(cause, "error");
  const description = field(cause, "error_description")?.split(/\r?\n/)[0]?.slice(0, 200);
  return [code, description].filter(Boolean).join(": ") || "no reason given";
}

export function authLogger(sink: Sink = console) {
  return {
    error(error: Error) {
      const type = (error as { type?: unknown }).type ?? error.name;
      if (type === "OAuthCallbackError") {
        sink.warn(`[auth] Microsoft sign-in did not complete (${providerReason(error)}); the person was sent back to the sign-in page.`);
        return;
      }
      sink.error(`[auth][error] ${String(type)}: ${error.message}`);
      const cause = (error as { cause?: unknown }).cause;
      const inner = cause && typeof cause === "object" && "err" in cause ? (cause as { err: unknown }).err : undefined;
      sink.error(inner instanceof Error ? inner.stack : error.stack);
    },
  };
}
