import "server-only";
import { GraphError } from "@/lib/graph/errors";
import type { BatchRequest, BatchResponse } from "@/lib/graph/http";
import { recipePaths as P } from "@/lib/graph/recipe-paths";
import { stepKey } from "./keys";
import type { ObserveDeps, ObserveInput } from "./observe";
import type { ExtraRoleScope, ObservedObject } from "./observed";
import { policyShapeFromGraph } from "./policy";

export type Loose = Record<string, unknown>;

type Version = "v1.0" | "beta";
interface Read { purpose: string; version: Version; url: string }

const list = (body: unknown): Loose[] => (((body as Loose | undefined)?.value as Loose[] | undefined) ?? []);
const lower = (v: unknown) => String(v ?? "").toLowerCase();
const sortedIds = (v: unknown) => ((v as string[] | undefined) ?? []).map((x) => x.toLowerCase()).sort();

/** Exactly one match by exact (case-sensitive) name, or none; two is a question only a person can answer. */
function single(items: Loose[], name: string, noun: string): Loose | undefined {
  const matches = items.filter((i) => i.displayName === name);
  if (matches.length > 1) throw new GraphError(`The tenant has ${matches.length} ${noun}s named exactly "${name}" and Gatehouse recorded none of them; delete or rename the extra ones so Gatehouse can adopt one.`, { status: 0, code: "ambiguousName" });
  return matches[0];
}

/**
 * Runs the reads of observe() in as few `$batch` waves as the recorded ids allow and turns
 * the answers into observed objects. A 404 on an id recorded moments ago is replication lag:
 * it is read again with bounded backoff, never reported as missing.
 */
export async function readObjects(input: ObserveInput, deps: ObserveDeps, v1Base: BatchRequest[], betaBase: BatchRequest[], extras: ExtraRoleScope[] = []): Promise<[Map<string, BatchResponse>, Map<string, ObservedObject>, Set<string>, string[]]> {
  extras.length = 0;
  const { blueprint, records } = input;
  const objects = new Map<string, ObservedObject>();
  const vanished = new Set<string>();
  const answers = new Map<string, BatchResponse>();
  const recordOf = (key: string) => records.get(key);
  const recent = (key: string) => {
    const r = recordOf(key);
    // Once read back, an object has replicated: missing later means deleted, with no wait.
    return r !== undefined && r.seenAt === null && deps.now().getTime() - r.updatedAt.getTime() < (deps.replicationWindowMs ?? 15_000);
  };
  const put = (key: string, object: Omit<ObservedObject, "recorded">) => {
    objects.set(key, { ...object, recorded: recordOf(key)?.graphId === object.graphId } as ObservedObject);
  };

  /** One wave: v1.0 and beta batches in parallel; recent-record 404s re-read with backoff. */
  const wave = async (reads: Read[], extra: { v1?: BatchRequest[]; beta?: BatchRequest[] } = {}): Promise<Map<string, BatchResponse>> => {
    const out = new Map<string, BatchResponse>();
    let todo = reads;
    let first = true;
    for (let attempt = 0; ; attempt++) {
      const v1 = [...(first ? extra.v1 ?? [] : []), ...todo.filter((r) => r.version === "v1.0").map((r) => ({ id: r.purpose, method: "GET" as const, url: r.url }))];
      const beta = [...(first ? extra.beta ?? [] : []), ...todo.filter((r) => r.version === "beta").map((r) => ({ id: r.purpose, method: "GET" as const, url: r.url }))];
      const [a, b] = await Promise.all([v1.length ? deps.http.batch(v1, "v1.0") : new Map(), beta.length ? deps.http.batch(beta, "beta") : new Map()]);
      for (const [, answer] of [...a, ...b] as [string, BatchResponse][]) out.set(answer.id, answer);
      first = false;
      const lagging = todo.filter((r) => out.get(r.purpose)?.status === 404 && recent(r.purpose.replace(/^read:/, "")));
      if (lagging.length === 0 || attempt >= 6) return out;
      await deps.sleep(Math.min(4000, 500 * 2 ** attempt));
      todo = lagging;
    }
  };

  const reads: Read[] = [];
  const byId = (key: string, url: (id: string) => string, version: Version = "v1.0") => {
    const r = recordOf(key);
    if (r) reads.push({ purpose: `read:${key}`, version, url: url(r.graphId) });
    return r !== undefined;
  };
  for (const g of blueprint.groups) if (!byId(stepKey.group(g.key), P.group)) reads.push({ purpose: `find:${stepKey.group(g.key)}`, version: "v1.0", url: P.groupsByName(g.displayName) });
  if (!byId(stepKey.connectedOrganization(), P.connectedOrganization)) reads.push({ purpose: "find:connectedOrganization", version: "v1.0", url: `${P.connectedOrganizations()}?$select=id,displayName,description,state,identitySources` });
  const catalogRecord = recordOf(stepKey.catalog());
  if (catalogRecord) {
    reads.push({ purpose: "read:catalog", version: "v1.0", url: P.catalog(catalogRecord.graphId) });
    reads.push({ purpose: "resources", version: "v1.0", url: P.catalogResources(catalogRecord.graphId) });
  } else reads.push({ purpose: "find:catalog", version: "v1.0", url: P.catalogsByName(blueprint.catalog.displayName) });
  const unrecordedPackages = blueprint.accessPackages.filter((p) => !byId(stepKey.accessPackage(p.key), P.accessPackage));
  if (catalogRecord && unrecordedPackages.length) reads.push({ purpose: "packages", version: "v1.0", url: P.accessPackagesInCatalog(catalogRecord.graphId) });
  if (blueprint.defenderRoles.some((r) => !byId(stepKey.defenderRole(r.key), P.defenderRole, "beta"))) reads.push({ purpose: "roles", version: "beta", url: P.defenderRoles() });
  if (blueprint.defenderRoles.some((r) => !byId(stepKey.defenderRoleAssignment(r.key), P.defenderAssignment, "beta"))) reads.push({ purpose: "assignments", version: "beta", url: P.defenderAssignments() });

  const first = await wave(reads, { v1: v1Base, beta: betaBase });
  for (const [id, answer] of first) answers.set(id, answer);

  /** The object an id read or a name search found; undefined when there is none. */
  const resolve = (key: string, pick: (items: Loose[]) => Loose | undefined, from: Map<string, BatchResponse> = first): Loose | undefined => {
    const read = from.get(`read:${key}`);
    if (read) {
      if (read.status === 200) return read.body as Loose;
      if (read.status === 404) { vanished.add(key); return undefined; }
      throw failure(read, `read ${key}`);
    }
    const found = from.get(`find:${key}`);
    if (!found) return undefined;
    if (found.status !== 200) throw failure(found, `look up ${key}`);
    return pick(list(found.body));
  };

  for (const g of blueprint.groups) {
    const key = stepKey.group(g.key);
    const group = resolve(key, (items) => single(items, g.displayName, "group"));
    if (group) put(key, { kind: "group", graphId: lower(group.id), fields: { displayName: String(group.displayName), description: String(group.description ?? ""), securityEnabled: group.securityEnabled === true } });
  }

  const orgKey = stepKey.connectedOrganization();
  const org = resolve(orgKey, () => undefined);
  // An unrecorded connected organization is adopted when its identity source is the MSSP tenant.
  const msspAnswer = first.get("mssp");
  const msspTenant = msspAnswer?.status === 200 ? lower((msspAnswer.body as Loose).tenantId) : undefined;
  const orgList = first.get("find:connectedOrganization");
  const orgFound = org ?? (orgList?.status === 200 && msspTenant
    ? list(orgList.body).find((o) => ((o.identitySources as Loose[] | undefined) ?? []).some((s) => lower(s.tenantId) === msspTenant))
    : undefined);
  if (orgFound) {
    const tenantIds = ((orgFound.identitySources as Loose[] | undefined) ?? []).map((s) => lower(s.tenantId)).filter(Boolean).sort();
    put(orgKey, { kind: "connectedOrganization", graphId: lower(orgFound.id), fields: { displayName: String(orgFound.displayName), description: String(orgFound.description ?? ""), state: String(orgFound.state), tenantIds } });
  }

  const catalogKey = stepKey.catalog();
  const catalog = resolve(catalogKey, (items) => single(items, blueprint.catalog.displayName, "catalog"));
  let resources: Loose[] = [];
  let packageList: Loose[] = [];
  if (catalog) {
    const catalogId = lower(catalog.id);
    put(catalogKey, { kind: "catalog", graphId: catalogId, fields: { displayName: String(catalog.displayName), description: String(catalog.description ?? ""), state: String(catalog.state), isExternallyVisible: catalog.isExternallyVisible === true } });
    // An adopted catalog (or a recorded one missing packages) needs a second wave.
    const second: Read[] = [];
    if (!first.has("resources")) second.push({ purpose: "resources", version: "v1.0", url: P.catalogResources(catalogId) });
    if (unrecordedPackages.length && !first.has("packages")) second.push({ purpose: "packages", version: "v1.0", url: P.accessPackagesInCatalog(catalogId) });
    const more = second.length ? await wave(second) : new Map<string, BatchResponse>();
    const value = (purpose: string) => {
      const a = first.get(purpose) ?? more.get(purpose);
      if (!a) return [];
      if (a.status !== 200) throw failure(a, purpose);
      return list(a.body);
    };
    resources = value("resources");
    packageList = unrecordedPackages.length ? value("packages") : [];
  }

  for (const groupKey of new Set(blueprint.accessPackages.map((p) => p.group))) {
    const groupId = objects.get(stepKey.group(groupKey))?.graphId;
    const resource = groupId ? resources.find((r) => lower(r.originId) === groupId) : undefined;
    if (resource) put(stepKey.catalogResource(groupKey), { kind: "catalogResource", graphId: lower(resource.id), fields: { groupId: groupId! } });
  }

  // Packages: recorded ones were read with their scopes and policies; adopted ones need that read now.
  const adoptedPackages = new Map<string, string>();
  for (const p of unrecordedPackages) {
    const found = catalog ? single(packageList, p.displayName, "access package") : undefined;
    if (found) adoptedPackages.set(p.key, lower(found.id));
  }
  const details = adoptedPackages.size
    ? await wave([...adoptedPackages].map(([k, id]) => ({ purpose: `read:${stepKey.accessPackage(k)}`, version: "v1.0" as const, url: P.accessPackage(id) })))
    : new Map<string, BatchResponse>();
  for (const p of blueprint.accessPackages) {
    const key = stepKey.accessPackage(p.key);
    const pkg = resolve(key, () => undefined, details.has(`read:${key}`) ? details : first);
    if (!pkg) { if (adoptedPackages.has(p.key)) vanished.delete(key); continue; }
    put(key, { kind: "accessPackage", graphId: lower(pkg.id), fields: { displayName: String(pkg.displayName), description: String(pkg.description ?? ""), isHidden: pkg.isHidden === true } });
    const groupId = objects.get(stepKey.group(p.group))?.graphId;
    const scope = groupId
      ? ((pkg.resourceRoleScopes as Loose[] | undefined) ?? []).find((s) => {
          const role = (s.role ?? {}) as Loose;
          return lower(role.originId) === `member_${groupId}` || (role.displayName === "Member" && lower(((s.scope ?? {}) as Loose).originId) === groupId);
        })
      : undefined;
    if (scope) put(stepKey.resourceRoleScope(p.key), { kind: "resourceRoleScope", graphId: lower(scope.id), fields: { groupId: groupId! } });
    // Only a package Gatehouse recorded is ours to hold exactly to the blueprint.
    if (recordOf(key)?.graphId === lower(pkg.id)) {
      for (const other of ((pkg.resourceRoleScopes as Loose[] | undefined) ?? []).filter((s) => s !== scope)) {
        const role = (other.role ?? {}) as Loose;
        const origin = (other.scope ?? {}) as Loose;
        const deletedGroup = vanished.has(stepKey.group(p.group)) ? recordOf(stepKey.group(p.group))?.graphId : undefined;
        const orphaned = deletedGroup !== undefined && (lower(role.originId) === `member_${deletedGroup}` || lower(origin.originId) === deletedGroup);
        extras.push({ packageKey: key, packageId: lower(pkg.id), scopeId: String(other.id), label: `${String(role.displayName ?? "role")} of ${String(origin.displayName ?? role.originId ?? origin.originId ?? "an unknown resource")}`, ...(orphaned ? { orphaned } : {}) });
      }
    }
    const policies = (pkg.assignmentPolicies as Loose[] | undefined) ?? [];
    const policyKey = stepKey.assignmentPolicy(p.key);
    const recordedPolicy = recordOf(policyKey);
    const policy = (recordedPolicy && policies.find((x) => lower(x.id) === recordedPolicy.graphId)) ?? single(policies, p.policy.displayName, "assignment policy");
    if (recordedPolicy && !policies.some((x) => lower(x.id) === recordedPolicy.graphId)) vanished.add(policyKey);
    if (policy) put(policyKey, { kind: "assignmentPolicy", graphId: lower(policy.id), fields: policyShapeFromGraph(policy) });
  }

  for (const r of blueprint.defenderRoles) {
    const roleKey = stepKey.defenderRole(r.key);
    const role = resolveDefender(first, roleKey, "roles", (items) => single(items.filter((x) => x.isBuiltIn !== true), r.displayName, "Defender role"), vanished);
    if (role) {
      const actions = ((role.rolePermissions as Loose[] | undefined) ?? []).flatMap((p) => (p.allowedResourceActions as string[] | undefined) ?? []);
      put(roleKey, { kind: "defenderRole", graphId: lower(role.id), fields: { displayName: String(role.displayName), description: String(role.description ?? ""), actions: [...new Set(actions)].sort() } });
    }
    const assignmentKey = stepKey.defenderRoleAssignment(r.key);
    const roleId = objects.get(roleKey)?.graphId;
    const groupId = objects.get(stepKey.group(r.group))?.graphId;
    const assignment = resolveDefender(first, assignmentKey, "assignments", (items) =>
      roleId ? items.find((a) => lower(a.roleDefinitionId) === roleId && (!groupId || sortedIds(a.principalIds).includes(groupId))) : undefined, vanished);
    if (assignment) {
      put(assignmentKey, { kind: "defenderRoleAssignment", graphId: lower(assignment.id), fields: { roleDefinitionId: lower(assignment.roleDefinitionId), principalIds: sortedIds(assignment.principalIds), appScopeIds: (assignment.appScopeIds as string[] | undefined) ?? [] } });
    }
  }
  // A recorded object written moments ago that a list or expansion does not show yet is
  // replicating, not gone: the caller observes again instead of planning a second create.
  const parentOf = (key: string): string | undefined => {
    if (key.startsWith("catalogResource:")) return stepKey.catalog();
    if (key.startsWith("roleScope:")) return stepKey.accessPackage(key.slice("roleScope:".length));
    if (key.startsWith("policy:")) return stepKey.accessPackage(key.slice("policy:".length));
    return undefined;
  };
  const unseenRecent = [...records.keys()].filter((key) => {
    if (!recent(key) || objects.has(key)) return false;
    const parent = parentOf(key);
    return vanished.has(key) || (parent !== undefined && objects.has(parent));
  });
  return [answers, objects, vanished, unseenRecent];
}

/** A Defender object by its recorded id, else from the full list (beta has no $filter we rely on). */
function resolveDefender(first: Map<string, BatchResponse>, key: string, listPurpose: string, pick: (items: Loose[]) => Loose | undefined, vanished: Set<string>): Loose | undefined {
  const read = first.get(`read:${key}`);
  if (read) {
    if (read.status === 200) return read.body as Loose;
    // A refused Defender API is reported by the catalog read; the plan turns it into a manual step.
    if (read.status === 404) vanished.add(key);
    return undefined;
  }
  const all = first.get(listPurpose);
  return all?.status === 200 ? pick(list(all.body)) : undefined;
}

function failure(answer: BatchResponse, what: string): GraphError {
  const error = ((answer.body as Loose | undefined)?.error ?? {}) as Loose;
  return new GraphError(`${what}: ${String(error.message ?? `HTTP ${answer.status}`)}`, { status: answer.status, code: String(error.code ?? `http${answer.status}`), ...(answer.requestId ? { requestId: answer.requestId } : {}) });
}
