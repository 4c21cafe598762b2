import { ENUMS, TYPES } from "./graph-types.ts";

export interface TypeDef { base?: string; abstract?: boolean; props: string }

export interface PropertyDef {
  name: string;
  /** a primitive (string, bool, int, number, datetime, duration, uuid, date, time), an enum or a type name */
  type: string;
  collection: boolean;
  navigation: boolean;
}

const propertyCache = new Map<string, Map<string, PropertyDef>>();

/** All properties of a type including its base types, keyed by lower-cased name. */
export function propertiesOf(typeName: string): Map<string, PropertyDef> {
  const cached = propertyCache.get(typeName);
  if (cached) return cached;
  const def = TYPES[typeName];
  if (!def) throw new Error(`unknown Graph type ${typeName}`);
  const result = new Map(def.base ? propertiesOf(def.base) : []);
  for (const entry of def.props.split(" ").filter(Boolean)) {
    const [name, raw = "string"] = entry.split(":") as [string, string?];
    const navigation = raw.startsWith(">");
    const collection = raw.endsWith("[]");
    result.set(name.toLowerCase(), { name, type: raw.replace(">", "").replace("[]", ""), collection, navigation });
  }
  propertyCache.set(typeName, result);
  return result;
}

export function isType(name: string): boolean { return name in TYPES; }
export function isAbstract(name: string): boolean { return TYPES[name]?.abstract === true; }
export function enumMembers(name: string): string[] | undefined { return ENUMS[name]?.split(" "); }

export function isSubtypeOf(candidate: string, base: string): boolean {
  for (let current: string | undefined = candidate; current; current = TYPES[current]?.base) {
    if (current === base) return true;
  }
  return false;
}

export const qualified = (typeName: string) => `microsoft.graph.${typeName}`;
