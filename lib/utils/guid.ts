const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra tenant and object ids, and our own row ids, are GUIDs; anything else is refused early. */
export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID.test(value);
}
