import type { BlueprintDefinition } from "./blueprint";

/**
 * Valid but risky choices, shown before a save so the admin confirms them on purpose. Pure and
 * client-safe. (A request with no approval at all is not a warning: the schema refuses it.)
 */
const SHORT_DECISION_DAYS = 3;

function risks(definition: BlueprintDefinition): string[] {
  const out: string[] = [];
  for (const p of definition.accessPackages) {
    const { policy } = p;
    if (policy.expirationDays > 365) out.push(`"${p.displayName}": access lasts ${policy.expirationDays} days, more than a year, before it expires.`);
    if (policy.reviewEveryMonths === null) out.push(`"${p.displayName}": no access review, so nobody re-checks who still holds it.`);
    if (!policy.justificationRequired) out.push(`"${p.displayName}": requests need no reason, so approvers decide without one.`);
    policy.stages.forEach((stage, i) => {
      // A request made on a Friday would be denied over the weekend, before anyone looked.
      if (stage.decisionDays < SHORT_DECISION_DAYS) out.push(`"${p.displayName}", stage ${i + 1}: approvers have only ${stage.decisionDays} day${stage.decisionDays === 1 ? "" : "s"} to decide; a request nobody decides by then is denied.`);
    });
  }
  for (const r of definition.defenderRoles) {
    if (r.includeActions.some((a) => /^(microsoft\.xdr\/)?\*$/.test(a.trim()))) out.push(`Defender role "${r.displayName}" includes every action (${r.includeActions.join(", ")}).`);
  }
  if (definition.autoRepairHighDrift) out.push("High drift is repaired at once, without an admin looking first.");
  return out;
}

/** The risks `next` brings that `previous` did not have (the admin already accepted those). */
export function blueprintWarnings(next: BlueprintDefinition, previous?: BlueprintDefinition): string[] {
  const known = new Set(previous ? risks(previous) : []);
  const removed = (previous?.groups ?? []).filter((g) => !next.groups.some((x) => x.key === g.key));
  return [
    ...risks(next).filter((w) => !known.has(w)),
    ...removed.map((g) => `The group "${g.displayName}" leaves the blueprint, with its Defender role and access package.`),
  ];
}
