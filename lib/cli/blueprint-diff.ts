/** A structural diff of two blueprint definitions, pure: one line per changed leaf. */

export interface BlueprintChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Arrays of objects with a `key` are compared by key (a reordering is no change). */
function keyed(value: unknown[]): Map<string, unknown> | null {
  if (!value.every((v) => isObject(v) && typeof v.key === "string")) return null;
  return new Map(value.map((v) => [(v as { key: string }).key, v]));
}

export function diffBlueprints(before: unknown, after: unknown, path = ""): BlueprintChange[] {
  if (isObject(before) && isObject(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return names.flatMap((n) => diffBlueprints(before[n], after[n], path ? `${path}.${n}` : n));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyed(before);
    const b = keyed(after);
    if (a && b) {
      const keys = [...new Set([...a.keys(), ...b.keys()])];
      return keys.flatMap((k) => diffBlueprints(a.get(k), b.get(k), `${path}[${k}]`));
    }
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}
