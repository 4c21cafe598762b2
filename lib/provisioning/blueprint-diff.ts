import type { BlueprintDefinition } from "./blueprint";

/**
 * The difference between two blueprint versions, field by field, with paths named by the keys
 * admins chose ("accessPackages[tier1].policy.expirationDays"), not by array positions, so a
 * reordered list is no change. Pure; Settings, the audit log and `blueprint diff` show it.
 */
export interface BlueprintChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => v !== null && typeof v === "object" && !Array.isArray(v);
const keyed = (v: unknown): v is Loose[] => Array.isArray(v) && v.every((x) => isObject(x) && typeof x.key === "string");

function walk(path: string, before: unknown, after: unknown, out: BlueprintChange[]): void {
  if (keyed(before) && keyed(after)) {
    const a = new Map(before.map((x) => [String(x.key), x]));
    const b = new Map(after.map((x) => [String(x.key), x]));
    for (const [k, x] of a) if (!b.has(k)) out.push({ path: `${path}[${k}]`, before: x });
    for (const [k, x] of b) {
      if (a.has(k)) walk(`${path}[${k}]`, a.get(k), x, out);
      else out.push({ path: `${path}[${k}]`, after: x });
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) walk(path ? `${path}.${k}` : k, before[k], after[k], out);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
}

export function diffBlueprints(before: BlueprintDefinition, after: BlueprintDefinition): BlueprintChange[] {
  const out: BlueprintChange[] = [];
  walk("", before, after, out);
  return out;
}
