import type { BlueprintDefinition } from "./blueprint";
import { resolveRoleActions } from "./blueprint";
import { stepKey } from "./keys";
import { defenderChecklist } from "./manual";
import type { Observed, ObservedObject } from "./observed";
import { desiredPolicyShape, diffShapes, stageApprovers } from "./policy";
import type { FieldChange, ObjectKind, Plan, PlanStep } from "./types";

/**
 * plan(blueprint, observed): the ordered steps that bring the tenant to the blueprint. Pure:
 * no I/O, no clock. Ids of objects not created yet appear as "(new <key>)" in the changes;
 * apply() resolves them once their step has run.
 */

export interface PlanContext {
  /** the customer tenant (deep links in manual checklists) */
  tenantId: string;
}

const pending = (key: string) => `(new ${key})`;

/** A placeholder id: the object it names does not exist yet (created by an earlier step). */
export const isPendingId = (value: unknown): boolean => typeof value === "string" && value.startsWith("(new ") && value.endsWith(")");

function idOf(observed: Observed, key: string): string {
  return observed.objects.get(key)?.graphId ?? pending(key);
}

function creation(fields: object): Record<string, FieldChange> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { after: v }]));
}

interface Desired<T extends object> {
  key: string;
  kind: ObjectKind;
  name: string;
  noun: string;
  dependsOn: string[];
  fields: T;
  /** compare these fields only (others are create-time choices) */
  compare?: (keyof T & string)[];
  /** a link object (group in catalog, role in package): another target is another object */
  linkOnly?: boolean;
}

function decide<T extends object>(observed: Observed, desired: Desired<T>): PlanStep {
  const found = observed.objects.get(desired.key) as (ObservedObject & { fields: T }) | undefined;
  const base = { key: desired.key, kind: desired.kind, dependsOn: desired.dependsOn };
  if (!found) {
    const again = observed.vanished.has(desired.key);
    return {
      ...base, action: "create", title: `Create ${desired.noun} ${desired.name}`,
      reason: again
        ? `The ${desired.noun} Gatehouse created earlier no longer exists in the tenant (deleted outside Gatehouse), so it is created again.`
        : `The blueprint asks for the ${desired.noun} ${desired.name} and the tenant does not have it yet.`,
      change: creation(desired.fields),
    };
  }
  const compared = desired.compare ?? (Object.keys(desired.fields) as (keyof T & string)[]);
  const pick = (value: T) => Object.fromEntries(compared.map((k) => [k, value[k]])) as T;
  const change = diffShapes(pick(found.fields), pick(desired.fields));
  const differs = Object.keys(change).length > 0;
  if (differs && desired.linkOnly) {
    return { ...base, action: "create", title: `Create ${desired.noun} ${desired.name}`, reason: `The ${desired.noun} points at an object that is being replaced, so it is added again.`, change: creation(desired.fields) };
  }
  if (!found.recorded) {
    return {
      ...base, action: "adopt", graphId: found.graphId, title: `Adopt ${desired.noun} ${desired.name}`,
      reason: `The tenant already has a ${desired.noun} named exactly ${desired.name} that Gatehouse did not create; Gatehouse takes it over instead of making a second one${differs ? " and corrects the fields that differ from the blueprint" : ""}.`,
      change,
    };
  }
  if (differs) {
    return {
      ...base, action: "update", graphId: found.graphId, title: `Update ${desired.noun} ${desired.name}`,
      reason: `The ${desired.noun} differs from the blueprint in ${Object.keys(change).join(", ")}.`,
      change,
    };
  }
  return { ...base, action: "none", graphId: found.graphId, title: `${capitalise(desired.noun)} ${desired.name}`, reason: "Already exactly as the blueprint says.", change: {} };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function plan(blueprint: BlueprintDefinition, observed: Observed, context: PlanContext): Plan {
  const steps: PlanStep[] = [];
  const groupName = new Map(blueprint.groups.map((g) => [g.key, g.displayName]));

  for (const g of blueprint.groups) {
    steps.push(decide(observed, {
      key: stepKey.group(g.key), kind: "group", name: `"${g.displayName}"`, noun: "security group", dependsOn: [],
      fields: { displayName: g.displayName, description: g.description, securityEnabled: true },
    }));
  }

  const orgKey = stepKey.connectedOrganization();
  steps.push(decide(observed, {
    key: orgKey, kind: "connectedOrganization", name: `"${observed.mssp.displayName}"`, noun: "connected organization", dependsOn: [],
    fields: { displayName: observed.mssp.displayName, description: blueprint.connectedOrganization.description, state: "configured", tenantIds: [observed.mssp.tenantId] },
    compare: ["description", "state", "tenantIds"],
  }));

  const catalogKey = stepKey.catalog();
  steps.push(decide(observed, {
    key: catalogKey, kind: "catalog", name: `"${blueprint.catalog.displayName}"`, noun: "catalog", dependsOn: [],
    fields: { displayName: blueprint.catalog.displayName, description: blueprint.catalog.description, state: "published", isExternallyVisible: true },
  }));

  // Only groups some package grants go into the catalog.
  for (const groupKey of [...new Set(blueprint.accessPackages.map((p) => p.group))]) {
    const key = stepKey.catalogResource(groupKey);
    steps.push(decide(observed, {
      key, kind: "catalogResource", name: `"${groupName.get(groupKey)}"`, noun: "catalog resource", dependsOn: [catalogKey, stepKey.group(groupKey)],
      fields: { groupId: idOf(observed, stepKey.group(groupKey)) }, linkOnly: true,
    }));
  }

  for (const p of blueprint.accessPackages) {
    const packageKey = stepKey.accessPackage(p.key);
    steps.push(decide(observed, {
      key: packageKey, kind: "accessPackage", name: `"${p.displayName}"`, noun: "access package", dependsOn: [catalogKey],
      fields: { displayName: p.displayName, description: p.description, isHidden: false },
    }));
    steps.push(decide(observed, {
      key: stepKey.resourceRoleScope(p.key), kind: "resourceRoleScope", name: `"${groupName.get(p.group)}" Member in "${p.displayName}"`, noun: "package role",
      dependsOn: [packageKey, stepKey.catalogResource(p.group)],
      fields: { groupId: idOf(observed, stepKey.group(p.group)) }, linkOnly: true,
    }));
    steps.push(policyStep(blueprint, observed, p.key));
  }

  for (const r of blueprint.defenderRoles) {
    const roleKey = stepKey.defenderRole(r.key);
    const assignmentKey = stepKey.defenderRoleAssignment(r.key);
    const group = groupName.get(r.group) ?? r.group;
    if (!observed.defender.available) {
      const manual = defenderChecklist(r, group, context.tenantId, observed.defender.reason);
      steps.push({ key: roleKey, kind: "defenderRole", action: "manual", title: `Defender role "${r.displayName}" (manual)`, reason: observed.defender.reason, change: {}, dependsOn: [], manual });
      steps.push({ key: assignmentKey, kind: "defenderRoleAssignment", action: "manual", title: `Assign "${r.displayName}" to "${group}" (manual)`, reason: observed.defender.reason, change: {}, dependsOn: [roleKey], manual });
      continue;
    }
    steps.push(decide(observed, {
      key: roleKey, kind: "defenderRole", name: `"${r.displayName}"`, noun: "Defender role", dependsOn: [],
      fields: { displayName: r.displayName, description: r.description, actions: resolveRoleActions(r, observed.defender.actions) },
    }));
    steps.push(decide(observed, {
      key: assignmentKey, kind: "defenderRoleAssignment", name: `"${r.displayName}" to "${group}"`, noun: "Defender role assignment",
      dependsOn: [roleKey, stepKey.group(r.group)],
      fields: { roleDefinitionId: idOf(observed, roleKey), principalIds: [idOf(observed, stepKey.group(r.group))], appScopeIds: ["/"] },
    }));
  }

  const blocked = observed.licence.ok
    ? undefined
    : {
        code: "licence" as const,
        message: `The tenant has no Microsoft Entra ID P2 or Entra ID Governance licence${observed.licence.plans.length ? ` (it has ${observed.licence.plans.join(", ")})` : ""}. Access packages for MSSP analysts need one of them; nothing was changed.`,
      };
  return { ...(blocked ? { blocked } : {}), steps };
}

function policyStep(blueprint: BlueprintDefinition, observed: Observed, packageKey: string): PlanStep {
  const p = blueprint.accessPackages.find((x) => x.key === packageKey)!;
  const key = stepKey.assignmentPolicy(p.key);
  const orgKey = stepKey.connectedOrganization();
  const packageStep = stepKey.accessPackage(p.key);
  const dependsOn = [packageStep, orgKey];
  const approvers = stageApprovers(p.policy, blueprint, observed.approver, (groupKey) => idOf(observed, groupKey));
  if (!approvers) {
    const reason = observed.approver.found ? "" : observed.approver.reason;
    return {
      key, kind: "assignmentPolicy", action: "manual", dependsOn, title: `Approval policy for "${p.displayName}" (needs an approver)`,
      reason, change: {},
      manual: { reason, items: [{ text: "Name a customer user who approves the Approvers package in the blueprint, or have the customer's administrator grant consent again, then run provisioning again." }] },
    };
  }
  for (const a of approvers) if (a.dependsOn && !dependsOn.includes(a.dependsOn)) dependsOn.push(a.dependsOn);
  return decide(observed, {
    key, kind: "assignmentPolicy", name: `"${p.policy.displayName}"`, noun: "assignment policy", dependsOn,
    fields: desiredPolicyShape(p.policy, { connectedOrganizationId: idOf(observed, orgKey), stageApprovers: approvers.map((a) => a.ref) }),
  });
}
