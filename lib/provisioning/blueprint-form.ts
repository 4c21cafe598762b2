import type { BlueprintDefinition } from "./blueprint";

/**
 * The Settings editor's form ⇄ a blueprint definition. Pure and client-safe: the browser uses it
 * to warn before saving, the server action to build what zod then validates.
 *
 * Field names are the blueprint's zod paths ("accessPackages.0.policy.expirationDays"), so a
 * validation error lands next to its field. Three exceptions, mapped both ways here:
 * - a stage's approver is one select, `…stages.0.approver`: "group:<key>" or "consentAdmin";
 * - the customer administrator's stand-in is one pair of fields for the whole blueprint
 *   (`consentAdminFallback.*`), because one user stands in everywhere;
 * - a checkbox sends "true", with a hidden "false" before it (the last value wins), so an
 *   unticked box still says false.
 */

export const BASE_VERSION_FIELD = "baseVersion";
export const FALLBACK_FIELDS = { objectId: "consentAdminFallback.objectId", displayName: "consentAdminFallback.displayName" } as const;

const BOOLEANS = new Set(["autoProvisionOnConsent", "autoRepairHighDrift", "justificationRequired", "allowExtension", "approverJustificationRequired"]);
const LISTS = new Set(["includeActions", "excludeActions"]);
// Anything else in a name is a forged request; these would reach Object.prototype.
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;
const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);
// The deepest real field is accessPackages.0.policy.stages.0.fallbackUser.objectId; a deeper
// forged name would only nest objects until building the arrays overflows the stack.
const MAX_DEPTH = 8;

type Tree = Record<string, unknown>;

function leafValue(leaf: string, raw: string): unknown {
  if (BOOLEANS.has(leaf)) return raw === "true";
  if (LISTS.has(leaf)) return raw.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  if (leaf === "expirationDays") return raw.trim() === "" ? undefined : Number(raw.trim());
  // Emptied on purpose is an error beside the field, not the schema's default of 14 days.
  if (leaf === "decisionDays") return raw.trim() === "" ? null : Number(raw.trim());
  if (leaf === "reviewEveryMonths") return raw === "" || raw === "none" ? null : Number(raw);
  if (leaf === "approver") return raw === "consentAdmin" ? { type: "consentAdmin" } : raw.startsWith("group:") ? { type: "group", group: raw.slice(6) } : { type: raw };
  return raw;
}

/** Objects whose keys are all indices become arrays, in index order (holes closed). */
function arrays(node: unknown): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const entries = Object.entries(node as Tree).map(([k, v]) => [k, arrays(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  return Object.fromEntries(entries);
}

function applyFallback(definition: unknown, fallback: { objectId: string; displayName: string }): void {
  if (!fallback.objectId && !fallback.displayName) return;
  const packages = (definition as { accessPackages?: unknown }).accessPackages;
  if (!Array.isArray(packages)) return;
  for (const p of packages as { policy?: { stages?: unknown } }[]) {
    const stages = p?.policy?.stages;
    if (!Array.isArray(stages)) continue;
    for (const stage of stages as Tree[]) if (stage?.type === "consentAdmin") stage.fallbackUser = { ...fallback };
  }
}

/** The submitted fields as the version the form showed and the definition to validate. */
export function readBlueprintForm(values: Record<string, string>): { baseVersion: number | undefined; definition: unknown } {
  const tree: Tree = {};
  for (const [name, raw] of Object.entries(values)) {
    if (name === BASE_VERSION_FIELD || name === FALLBACK_FIELDS.objectId || name === FALLBACK_FIELDS.displayName) continue;
    if (!FIELD_NAME.test(name)) continue;
    const parts = name.split(".", MAX_DEPTH + 1);
    if (parts.length > MAX_DEPTH || parts.some((p) => UNSAFE.has(p))) continue;
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (next !== null && typeof next === "object" && !Array.isArray(next) ? next : (node[part] = {})) as Tree;
    }
    const leaf = parts.at(-1)!;
    const value = leafValue(leaf, raw);
    // A stage's approver select carries the whole stage (type and group).
    if (leaf === "approver") Object.assign(node, value);
    else node[leaf] = value;
  }
  const definition = arrays(tree);
  applyFallback(definition, { objectId: (values[FALLBACK_FIELDS.objectId] ?? "").trim(), displayName: (values[FALLBACK_FIELDS.displayName] ?? "").trim() });
  const base = values[BASE_VERSION_FIELD];
  return { baseVersion: base !== undefined && /^\d+$/.test(base) ? Number(base) : undefined, definition };
}

/** The form field a blueprint path ("accessPackages.0.policy.stages.1.group") is shown next to. */
export function fieldNameOf(path: string): string {
  const stage = /^(accessPackages\.\d+\.policy\.stages\.\d+)\.(type|group)$/.exec(path);
  if (stage) return `${stage[1]}.approver`;
  const fallback = /^accessPackages\.\d+\.policy\.stages\.\d+\.fallbackUser(?:\.(objectId|displayName))?$/.exec(path);
  if (fallback) return fallback[1] === "displayName" ? FALLBACK_FIELDS.displayName : FALLBACK_FIELDS.objectId;
  return path;
}

/** Validation errors keyed by blueprint path, re-keyed by field name (messages merged, no repeats). */
export function toFieldErrors(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(errors)) {
    const list = (out[fieldNameOf(path)] ??= []);
    for (const m of messages) if (!list.includes(m)) list.push(m);
  }
  return out;
}

/** The form's starting values for a definition, by field name (the inverse of readBlueprintForm). */
export function formValuesOf(definition: BlueprintDefinition): Record<string, string> {
  const v: Record<string, string> = {};
  const bool = (b: boolean) => (b ? "true" : "false");
  v.autoProvisionOnConsent = bool(definition.autoProvisionOnConsent);
  v.autoRepairHighDrift = bool(definition.autoRepairHighDrift);
  definition.groups.forEach((g, i) => {
    for (const f of ["key", "displayName", "description", "mailNickname"] as const) v[`groups.${i}.${f}`] = g[f];
  });
  definition.defenderRoles.forEach((r, i) => {
    for (const f of ["key", "displayName", "description", "group"] as const) v[`defenderRoles.${i}.${f}`] = r[f];
    v[`defenderRoles.${i}.includeActions`] = r.includeActions.join("\n");
    v[`defenderRoles.${i}.excludeActions`] = r.excludeActions.join("\n");
  });
  v["connectedOrganization.description"] = definition.connectedOrganization.description;
  v["catalog.displayName"] = definition.catalog.displayName;
  v["catalog.description"] = definition.catalog.description;
  definition.accessPackages.forEach((p, i) => {
    const at = `accessPackages.${i}`;
    for (const f of ["key", "displayName", "description", "group"] as const) v[`${at}.${f}`] = p[f];
    v[`${at}.policy.displayName`] = p.policy.displayName;
    v[`${at}.policy.description`] = p.policy.description;
    v[`${at}.policy.expirationDays`] = String(p.policy.expirationDays);
    v[`${at}.policy.reviewEveryMonths`] = p.policy.reviewEveryMonths === null ? "none" : String(p.policy.reviewEveryMonths);
    v[`${at}.policy.justificationRequired`] = bool(p.policy.justificationRequired);
    v[`${at}.policy.allowExtension`] = bool(p.policy.allowExtension);
    p.policy.stages.forEach((stage, j) => {
      v[`${at}.policy.stages.${j}.approver`] = stage.type === "group" ? `group:${stage.group}` : "consentAdmin";
      v[`${at}.policy.stages.${j}.decisionDays`] = String(stage.decisionDays);
      v[`${at}.policy.stages.${j}.approverJustificationRequired`] = bool(stage.approverJustificationRequired);
    });
  });
  const fallback = definition.accessPackages.flatMap((p) => p.policy.stages).find((s) => s.type === "consentAdmin" && s.fallbackUser);
  const user = fallback?.type === "consentAdmin" ? fallback.fallbackUser : undefined;
  v[FALLBACK_FIELDS.objectId] = user?.objectId ?? "";
  v[FALLBACK_FIELDS.displayName] = user?.displayName ?? "";
  return v;
}
