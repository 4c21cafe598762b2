import { DEFAULT_BLUEPRINT, MAX_APPROVAL_STAGES, STAGE_DEFAULTS, type Approval, type BlueprintDefinition } from "./blueprint";

/**
 * Structural edits of the Settings editor (add or remove a tier, a second approval stage). Pure
 * and client-safe; each returns a new definition. A tier is a group with a Defender role and
 * the access package that grants the group, all under one key.
 */

export const isTier = (definition: BlueprintDefinition, groupKey: string) => definition.defenderRoles.some((r) => r.group === groupKey);

export function addTier(definition: BlueprintDefinition): BlueprintDefinition {
  const used = new Set([...definition.groups, ...definition.defenderRoles, ...definition.accessPackages].map((x) => x.key));
  let n = 1;
  while (used.has(`tier${n}`)) n++;
  const key = `tier${n}`;
  const templateRole = definition.defenderRoles[0] ?? DEFAULT_BLUEPRINT.defenderRoles[0]!;
  const templatePackage = definition.accessPackages.find((p) => isTier(definition, p.group)) ?? DEFAULT_BLUEPRINT.accessPackages[0]!;
  return {
    ...definition,
    groups: [...definition.groups, { key, displayName: `Tier ${n} Analyst`, description: `MSSP SOC tier ${n} analysts (managed by Gatehouse)`, mailNickname: `gatehouse-tier${n}-analyst` }],
    defenderRoles: [...definition.defenderRoles, {
      key, group: key, displayName: `MSSP Tier ${n} Analyst`, description: "(managed by Gatehouse)",
      includeActions: [...templateRole.includeActions], excludeActions: [...templateRole.excludeActions],
    }],
    accessPackages: [...definition.accessPackages, {
      key, group: key, displayName: `Tier ${n} Analyst`, description: `MSSP SOC tier ${n} access`,
      policy: { ...structuredClone(templatePackage.policy), displayName: `MSSP analysts - Tier ${n}` },
    }],
  };
}

/** The group, its Defender roles and the packages granting it. */
export function removeTier(definition: BlueprintDefinition, groupKey: string): BlueprintDefinition {
  return {
    ...definition,
    groups: definition.groups.filter((g) => g.key !== groupKey),
    defenderRoles: definition.defenderRoles.filter((r) => r.group !== groupKey),
    accessPackages: definition.accessPackages.filter((p) => p.group !== groupKey),
  };
}

/** One or two stages; a new second stage asks someone other than the first. */
export function setStageCount(definition: BlueprintDefinition, packageKey: string, count: number): BlueprintDefinition {
  const wanted = Math.min(Math.max(count, 1), MAX_APPROVAL_STAGES);
  return {
    ...definition,
    accessPackages: definition.accessPackages.map((p) => {
      if (p.key !== packageKey) return p;
      const stages = p.policy.stages.slice(0, wanted);
      while (stages.length < wanted) {
        const first = stages[0];
        const approverGroup = definition.groups.find((g) => !isTier(definition, g.key)) ?? definition.groups[0]!;
        const next: Approval = first?.type === "group" ? { type: "consentAdmin", ...STAGE_DEFAULTS } : { type: "group", group: approverGroup.key, ...STAGE_DEFAULTS };
        stages.push(next);
      }
      return { ...p, policy: { ...p.policy, stages } };
    }),
  };
}
