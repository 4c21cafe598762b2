/** Graph's rules for creating and updating groups (group-post-groups), as pure checks. */
import { badRequest, GraphError } from "../errors.ts";
import type { Json } from "../odata/shape.ts";

const invalid = (property: string) => badRequest(`Invalid value specified for property '${property}' of resource 'Group'.`, "directory");

// mailNickname: max 64 characters, ASCII 0-127 without @ () \ [] " ; : . <> , or space.
const BAD_NICKNAME = /[@()\\[\]";:.<>,\s]|[^\x00-\x7f]/;

export function checkGroupCreate(body: Json): void {
  for (const required of ["displayName", "mailEnabled", "mailNickname", "securityEnabled"]) {
    if (body[required] === undefined || body[required] === null) throw invalid(required);
  }
  checkGroupValues(body);
  const groupTypes = (body.groupTypes as string[] | undefined) ?? [];
  if (body.mailEnabled === true && !groupTypes.includes("Unified")) {
    throw badRequest("Mail-enabled security groups and distribution lists cannot be created through Microsoft Graph; set mailEnabled to false or groupTypes to ['Unified'].", "directory");
  }
  const binds = [...asArray(body["members@odata.bind"]), ...asArray(body["owners@odata.bind"])];
  if (binds.length > 20) throw badRequest("A maximum of 20 members and owners can be added when a group is created.", "directory");
}

export function checkGroupValues(body: Json): void {
  if (body.displayName !== undefined && (typeof body.displayName !== "string" || !body.displayName.trim() || body.displayName.length > 256)) throw invalid("displayName");
  if (body.mailNickname !== undefined) {
    const nick = body.mailNickname;
    if (typeof nick !== "string" || !nick || nick.length > 64 || BAD_NICKNAME.test(nick)) throw invalid("mailNickname");
  }
  if (body.description !== undefined && body.description !== null && typeof body.description === "string" && body.description.length > 1024) throw invalid("description");
  const groupTypes = body.groupTypes;
  if (Array.isArray(groupTypes) && groupTypes.some((t) => t !== "Unified" && t !== "DynamicMembership")) throw invalid("groupTypes");
}

export function asArray(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw badRequest("Bind values must be an array of URLs.", "directory");
  return value as string[];
}

/** Accepts `https://graph.microsoft.com/v1.0/directoryObjects/{id}` (or users/groups, any host). */
export function idFromReference(reference: unknown): string {
  if (typeof reference !== "string") throw badRequest("The '@odata.id' property is required and must be a URL.", "directory");
  const match = /\/(?:v1\.0|beta)\/(?:directoryObjects|users|groups|servicePrincipals)\/([^/?#]+)$/i.exec(reference) ?? /^([0-9a-f-]{36})$/i.exec(reference);
  if (!match) throw new GraphError(400, "Request_BadRequest", `Invalid object identifier '${reference}'.`);
  return decodeURIComponent(match[1]!).toLowerCase();
}
