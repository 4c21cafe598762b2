/** /groups, /groups/{id}, members and owners with their $ref forms. */
import { randomUUID } from "node:crypto";
import type { Route, RouteContext } from "../context.ts";
import { badRequest, notFound } from "../errors.ts";
import { shapeCollection, shapeEntity, type Json } from "../odata/shape.ts";
import { PERMISSIONS } from "../permissions.ts";
import { validateBody } from "../schema/validate.ts";
import type { GroupRecord } from "../state/records.ts";
import { directoryObjectSpec, findDirectoryObject, groupSpec, type DirectoryObject } from "../directory/specs.ts";
import { asArray, checkGroupCreate, checkGroupValues, idFromReference } from "../directory/group-rules.ts";

export function requireGroup(ctx: RouteContext, id = ctx.params.id ?? ""): GroupRecord {
  const group = ctx.state.groups.get(id.toLowerCase());
  if (!group) throw notFound("directory", id);
  return group;
}

function requireObject(ctx: RouteContext, id: string): DirectoryObject {
  const object = findDirectoryObject(ctx.tenant, ctx.state, id);
  if (!object) throw notFound("directory", id);
  return object;
}

const UPDATABLE = ["displayName", "description", "mailNickname", "visibility", "groupTypes", "securityEnabled", "mailEnabled"] as const;

function addReference(ctx: RouteContext, group: GroupRecord, relation: "members" | "owners", id: string): void {
  requireObject(ctx, id);
  if (id === group.id) throw badRequest("A group cannot be a member of itself.", "directory");
  if (group[relation].has(id)) {
    throw badRequest(`One or more added object references already exist for the following modified properties: '${relation}'.`, "directory");
  }
  group[relation].add(id);
}

const listRelation = (relation: "members" | "owners"): Route => ({
  method: "GET",
  pattern: `/groups/{id}/${relation}`,
  permission: PERMISSIONS.groupRead,
  handle: (ctx) => {
    const group = requireGroup(ctx);
    const objects = [...group[relation]].map((id) => findDirectoryObject(ctx.tenant, ctx.state, id)).filter((o): o is DirectoryObject => !!o);
    return { status: 200, body: shapeCollection(objects, directoryObjectSpec, ctx.query, ctx.list("directoryObjects")) };
  },
});

const addRelation = (relation: "members" | "owners"): Route => ({
  method: "POST",
  pattern: `/groups/{id}/${relation}/$ref`,
  permission: PERMISSIONS.memberWrite,
  handle: (ctx) => {
    const group = requireGroup(ctx);
    const body = ctx.request.body as Json | undefined;
    if (!body || typeof body !== "object") throw badRequest("The '@odata.id' property is required.", "directory");
    const unknown = Object.keys(body).find((k) => k !== "@odata.id");
    if (unknown) throw badRequest(`The property '${unknown}' does not exist on a reference; send only '@odata.id'.`, "directory");
    addReference(ctx, group, relation, idFromReference(body["@odata.id"]));
    return { status: 204 };
  },
});

const removeRelation = (relation: "members" | "owners"): Route => ({
  method: "DELETE",
  pattern: `/groups/{id}/${relation}/{memberId}/$ref`,
  permission: PERMISSIONS.memberWrite,
  handle: (ctx) => {
    const group = requireGroup(ctx);
    const memberId = (ctx.params.memberId ?? "").toLowerCase();
    if (!group[relation].delete(memberId)) throw notFound("directory", memberId);
    return { status: 204 };
  },
});

export const groupRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/groups",
    permission: PERMISSIONS.groupRead,
    handle: (ctx) => ({ status: 200, body: shapeCollection([...ctx.state.groups.values()], groupSpec(ctx.tenant, ctx.state), ctx.query, ctx.list("groups")) }),
  },
  {
    method: "POST",
    pattern: "/groups",
    permission: PERMISSIONS.groupCreate,
    handle: (ctx) => {
      validateBody(ctx.request.body, "group", "directory");
      const body = ctx.request.body as Json;
      checkGroupCreate(body);
      const now = ctx.now();
      const group: GroupRecord = {
        id: randomUUID(),
        displayName: body.displayName as string,
        description: (body.description as string | undefined) ?? null,
        mailEnabled: body.mailEnabled as boolean,
        mailNickname: body.mailNickname as string,
        securityEnabled: body.securityEnabled as boolean,
        groupTypes: (body.groupTypes as string[] | undefined) ?? [],
        visibility: (body.visibility as string | undefined) ?? null,
        isAssignableToRole: (body.isAssignableToRole as boolean | undefined) ?? null,
        createdDateTime: now,
        members: new Set(),
        owners: new Set(),
      };
      // Resolve every bind before storing anything, so a bad reference creates nothing.
      const members = asArray(body["members@odata.bind"]).map(idFromReference);
      const owners = asArray(body["owners@odata.bind"]).map(idFromReference);
      for (const id of [...members, ...owners]) requireObject(ctx, id);
      members.forEach((id) => group.members.add(id));
      owners.forEach((id) => group.owners.add(id));
      ctx.state.groups.set(group.id, group);
      const entity = shapeEntity(group, groupSpec(ctx.tenant, ctx.state), undefined, []);
      return { status: 201, body: { "@odata.context": ctx.contextUrl("groups/$entity"), ...entity }, headers: { location: `${ctx.graph.baseUrl}/v1.0/groups/${group.id}` } };
    },
  },
  {
    method: "GET",
    pattern: "/groups/{id}",
    permission: PERMISSIONS.groupRead,
    handle: (ctx) => {
      const group = requireGroup(ctx);
      const entity = shapeEntity(group, groupSpec(ctx.tenant, ctx.state), ctx.query.select, ctx.query.expand);
      return { status: 200, body: { "@odata.context": ctx.contextUrl("groups/$entity"), ...entity } };
    },
  },
  {
    method: "PATCH",
    pattern: "/groups/{id}",
    permission: PERMISSIONS.groupWrite,
    handle: (ctx) => {
      const group = requireGroup(ctx);
      validateBody(ctx.request.body, "group", "directory");
      const body = ctx.request.body as Json;
      checkGroupValues(body);
      for (const key of Object.keys(body)) {
        if (!(UPDATABLE as readonly string[]).includes(key)) throw badRequest(`Property '${key}' is read-only or cannot be updated on a group through this emulator.`, "directory");
      }
      Object.assign(group, Object.fromEntries(UPDATABLE.filter((k) => body[k] !== undefined).map((k) => [k, body[k]])));
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    pattern: "/groups/{id}",
    permission: PERMISSIONS.groupWrite,
    handle: (ctx) => {
      const group = requireGroup(ctx);
      ctx.state.groups.delete(group.id);
      for (const other of ctx.state.groups.values()) { other.members.delete(group.id); other.owners.delete(group.id); }
      return { status: 204 };
    },
  },
  listRelation("members"),
  listRelation("owners"),
  addRelation("members"),
  addRelation("owners"),
  removeRelation("members"),
  removeRelation("owners"),
];
