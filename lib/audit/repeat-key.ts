// Pure: when two refusals are "the same". Everything the event says, plus the hour it happened
// in: a flood collapses, while the same refusal tomorrow is a new line in the trail.
import { createHash } from "node:crypto";

export const REPEAT_WINDOW_MS = 60 * 60 * 1000;

/** JSON with object keys sorted, so {a,b} and {b,a} are the same event. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function repeatKey(
  event: { workspaceId: string | null; actor: string; action: string; target: string | null; details: unknown },
  at: Date,
): string {
  const window = Math.floor(at.getTime() / REPEAT_WINDOW_MS);
  const body = canonical([event.workspaceId, event.actor, event.action, event.target, event.details, window]);
  return createHash("sha256").update(body).digest("hex");
}
