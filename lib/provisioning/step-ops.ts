import "server-only";
import { GraphError } from "@/lib/graph/errors";
import type { GraphHttp } from "@/lib/graph/http";
import { recipe, type CatalogResource, type Written } from "@/lib/graph/recipe";
import { recipePaths as P } from "@/lib/graph/recipe-paths";
import { resolveRoleActions, type BlueprintDefinition } from "./blueprint";
import { blueprintKeyOf, stepKey } from "./keys";
import type { Observed } from "./observed";
import { desiredPolicyShape, policyBody, stageApprovers } from "./policy";
import type { PlanStep } from "./types";

/**
 * The Graph calls of one step, given the ids its dependencies produced. `create` returns the
 * new object's id; `find` answers "does it exist already?" after an ambiguous failure (a
 * timeout or 5xx on a POST may have created it), so a retry never makes a duplicate.
 */

export interface OpContext {
  http: GraphHttp;
  blueprint: BlueprintDefinition;
  observed: Observed;
  /** Graph ids by step key, filled in as steps finish */
  ids: Map<string, string>;
  now: () => Date;
  /** catalog resources (with scopes) by group id, as the catalogResource steps saw them */
  resources: Map<string, CatalogResource>;
  /** retried until visible (replication lag), bounded */
  untilVisible: <T>(what: string, read: () => Promise<T | undefined>) => Promise<T>;
}

export interface Ops {
  /** the created object's id and request ids */
  create(ctx: OpContext): Promise<Written & { requestIds?: string[] }>;
  find(ctx: OpContext): Promise<string | undefined>;
  update(ctx: OpContext, graphId: string, step: PlanStep): Promise<{ requestId?: string }>;
  displayName(ctx: OpContext): string;
}

type Loose = Record<string, unknown>;
const lower = (v: unknown) => String(v ?? "").toLowerCase();

function need(ctx: OpContext, key: string): string {
  const id = ctx.ids.get(key);
  if (!id) throw new GraphError(`The object of step ${key} has no Graph id yet.`, { status: 0, code: "dependencyMissing" });
  return id;
}

async function listValue(http: GraphHttp, path: string, version: "v1.0" | "beta" = "v1.0"): Promise<Loose[]> {
  return (await http.request<{ value?: Loose[] }>("GET", path, undefined, { version })).body.value ?? [];
}

const exactOne = (items: Loose[], name: string) => {
  const matches = items.filter((i) => i.displayName === name);
  return matches.length === 1 ? lower(matches[0]!.id) : undefined;
};

/** The fields of an update, from the plan's change (only fields Graph lets us PATCH). */
function patchOf(step: PlanStep, allowed: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(step.change).filter(([k]) => allowed.includes(k)).map(([k, v]) => [k, v.after]));
}

async function catalogResource(ctx: OpContext, catalogId: string, groupId: string): Promise<CatalogResource | undefined> {
  const cached = ctx.resources.get(groupId);
  if (cached) return cached;
  const all = await recipe.catalogGroupResources(ctx.http, catalogId);
  for (const r of all) if (r.scopes?.length) ctx.resources.set(lower(r.originId), r);
  return all.find((r) => lower(r.originId) === groupId);
}

export function opsFor(step: PlanStep, ctx: Pick<OpContext, "blueprint">): Ops {
  const bp = ctx.blueprint;
  const k = blueprintKeyOf(step.key);
  switch (step.kind) {
    case "group": {
      const g = bp.groups.find((x) => x.key === k)!;
      return {
        displayName: () => g.displayName,
        create: (c) => recipe.createGroup(c.http, { displayName: g.displayName, description: g.description, mailNickname: g.mailNickname }),
        find: async (c) => exactOne(await listValue(c.http, P.groupsByName(g.displayName)), g.displayName),
        update: (c, id) => recipe.updateGroup(c.http, id, patchOf(step, ["description", "displayName"])),
      };
    }
    case "connectedOrganization": {
      return {
        displayName: (c) => c.observed.mssp.displayName,
        create: (c) => recipe.createConnectedOrganization(c.http, {
          displayName: c.observed.mssp.displayName, description: bp.connectedOrganization.description, state: "configured",
          identitySources: [{ "@odata.type": "#microsoft.graph.azureActiveDirectoryTenant", tenantId: c.observed.mssp.tenantId, displayName: c.observed.mssp.displayName }],
        }),
        find: async (c) => {
          const orgs = await listValue(c.http, `${P.connectedOrganizations()}?$select=id,identitySources`);
          const match = orgs.find((o) => ((o.identitySources as Loose[] | undefined) ?? []).some((s) => lower(s.tenantId) === c.observed.mssp.tenantId));
          return match ? lower(match.id) : undefined;
        },
        update: (c, id) => recipe.updateConnectedOrganization(c.http, id, patchOf(step, ["description", "state"])),
      };
    }
    case "catalog":
      return {
        displayName: () => bp.catalog.displayName,
        create: (c) => recipe.createCatalog(c.http, { displayName: bp.catalog.displayName, description: bp.catalog.description, state: "published", isExternallyVisible: true }),
        find: async (c) => exactOne(await listValue(c.http, P.catalogsByName(bp.catalog.displayName)), bp.catalog.displayName),
        update: (c, id) => recipe.updateCatalog(c.http, id, patchOf(step, ["description", "displayName", "state", "isExternallyVisible"])),
      };
    case "catalogResource": {
      const g = bp.groups.find((x) => x.key === k)!;
      return {
        displayName: () => g.displayName,
        create: async (c) => {
          const catalogId = need(c, stepKey.catalog());
          const groupId = need(c, stepKey.group(k));
          const { requestId } = await recipe.addGroupToCatalog(c.http, catalogId, { id: groupId, displayName: g.displayName });
          const resource = await c.untilVisible(`group ${g.displayName} in the catalog`, () => catalogResource(c, catalogId, groupId));
          return { id: lower(resource.id), ...(requestId ? { requestId } : {}) };
        },
        find: async (c) => {
          const resource = await catalogResource(c, need(c, stepKey.catalog()), need(c, stepKey.group(k)));
          return resource ? lower(resource.id) : undefined;
        },
        update: () => Promise.resolve({}),
      };
    }
    case "accessPackage": {
      const p = bp.accessPackages.find((x) => x.key === k)!;
      return {
        displayName: () => p.displayName,
        create: (c) => recipe.createAccessPackage(c.http, need(c, stepKey.catalog()), { displayName: p.displayName, description: p.description, isHidden: false }),
        find: async (c) => exactOne(await listValue(c.http, P.accessPackagesInCatalog(need(c, stepKey.catalog()))), p.displayName),
        update: (c, id) => recipe.updateAccessPackage(c.http, id, patchOf(step, ["description", "displayName", "isHidden"])),
      };
    }
    case "resourceRoleScope": {
      const p = bp.accessPackages.find((x) => x.key === k)!;
      const findScope = async (c: OpContext) => {
        const groupId = need(c, stepKey.group(p.group));
        const scopes = await listValue(c.http, P.packageScopes(need(c, stepKey.accessPackage(k))));
        const match = scopes.find((s) => lower((s.role as Loose | undefined)?.originId) === `member_${groupId}`);
        return match ? lower(match.id) : undefined;
      };
      return {
        displayName: () => `${p.displayName}: Member`,
        create: async (c) => {
          const catalogId = need(c, stepKey.catalog());
          const groupId = need(c, stepKey.group(p.group));
          const resource = await c.untilVisible(`the catalog resource of ${p.displayName}`, () => catalogResource(c, catalogId, groupId));
          // The resource read carries its roles; ask for them alone only if it did not.
          const role = resource.roles?.find((r) => r.displayName === "Member") ?? await c.untilVisible(`the Member role of ${p.displayName}`, () => recipe.memberRole(c.http, catalogId, groupId));
          try {
            return await recipe.addRoleScope(c.http, need(c, stepKey.accessPackage(k)), role, resource, groupId);
          } catch (error) {
            // Already there (an earlier attempt's answer was lost): take the existing one.
            if (error instanceof GraphError && error.status === 409) {
              const id = await findScope(c);
              if (id) return { id };
            }
            throw error;
          }
        },
        find: findScope,
        update: () => Promise.resolve({}),
      };
    }
    case "assignmentPolicy": {
      const p = bp.accessPackages.find((x) => x.key === k)!;
      const body = (c: OpContext) => {
        // plan() made this step manual when a stage has nobody to ask, so it never runs then.
        const approvers = stageApprovers(p.policy, bp, c.observed.approver, (groupKey) => need(c, groupKey)) ?? [];
        const labels = new Map(approvers.map((a) => [a.ref, a.label]));
        const shape = desiredPolicyShape(p.policy, { connectedOrganizationId: need(c, stepKey.connectedOrganization()), stageApprovers: approvers.map((a) => a.ref) });
        return policyBody(shape, { connectedOrganization: c.observed.mssp.displayName, approver: (ref) => labels.get(ref) ?? "" }, c.now());
      };
      return {
        displayName: () => p.policy.displayName,
        create: (c) => recipe.createPolicy(c.http, need(c, stepKey.accessPackage(k)), body(c)),
        find: async (c) => exactOne(await listValue(c.http, P.packagePolicies(need(c, stepKey.accessPackage(k)))), p.policy.displayName),
        update: (c, id) => recipe.replacePolicy(c.http, id, need(c, stepKey.accessPackage(k)), body(c)),
      };
    }
    case "defenderRole": {
      const r = bp.defenderRoles.find((x) => x.key === k)!;
      const actions = (c: OpContext) => (c.observed.defender.available ? resolveRoleActions(r, c.observed.defender.actions) : []);
      return {
        displayName: () => r.displayName,
        create: (c) => recipe.createDefenderRole(c.http, { displayName: r.displayName, description: r.description, rolePermissions: [{ allowedResourceActions: actions(c) }] }),
        find: async (c) => exactOne((await listValue(c.http, P.defenderRoles(), "beta")).filter((x) => x.isBuiltIn !== true), r.displayName),
        update: (c, id) => recipe.updateDefenderRole(c.http, id, { displayName: r.displayName, description: r.description, rolePermissions: [{ allowedResourceActions: actions(c) }] }),
      };
    }
    case "defenderRoleAssignment": {
      const r = bp.defenderRoles.find((x) => x.key === k)!;
      const group = bp.groups.find((g) => g.key === r.group)!;
      const body = (c: OpContext) => ({ displayName: `${group.displayName} → ${r.displayName}`, roleDefinitionId: need(c, stepKey.defenderRole(k)), principalIds: [need(c, stepKey.group(r.group))], appScopeIds: ["/"] });
      return {
        displayName: () => `${group.displayName} → ${r.displayName}`,
        create: (c) => recipe.createDefenderAssignment(c.http, body(c)),
        find: async (c) => {
          const roleId = need(c, stepKey.defenderRole(k));
          const groupId = need(c, stepKey.group(r.group));
          const match = (await listValue(c.http, P.defenderAssignments(), "beta")).find((a) => lower(a.roleDefinitionId) === roleId && ((a.principalIds as string[] | undefined) ?? []).map(lower).includes(groupId));
          return match ? lower(match.id) : undefined;
        },
        update: (c, id) => recipe.updateDefenderAssignment(c.http, id, body(c)),
      };
    }
  }
}
