// Blueprint changes in words, and the warnings before a risky save: pure.
import { describe, expect, it } from "vitest";
import { DEFAULT_BLUEPRINT, type BlueprintDefinition, STAGE_DEFAULTS } from "./blueprint";
import { diffBlueprints } from "./blueprint-diff";
import { blueprintWarnings } from "./blueprint-warnings";
import { describeBlueprintChanges } from "./blueprint-wording";

const words = (edit: (d: BlueprintDefinition) => void) => {
  const after = structuredClone(DEFAULT_BLUEPRINT);
  edit(after);
  return describeBlueprintChanges(diffBlueprints(DEFAULT_BLUEPRINT, after), DEFAULT_BLUEPRINT, after);
};

describe("blueprint changes in words", () => {
  it.each([
    ["expiry", (d: BlueprintDefinition) => { d.accessPackages[0]!.policy.expirationDays = 180; }, 'Access package "Tier 1 Analyst": access now expires after 180 days (was 365 days).'],
    ["a rename", (d: BlueprintDefinition) => { d.groups[0]!.displayName = "Tier 1 SOC"; }, 'Group "Tier 1 Analyst" renamed to "Tier 1 SOC".'],
    ["no review", (d: BlueprintDefinition) => { d.accessPackages[1]!.policy.reviewEveryMonths = null; }, 'Access package "Tier 2 Analyst": no access review any more (was every 12 months).'],
    ["a second stage", (d: BlueprintDefinition) => { d.accessPackages[0]!.policy.stages.push({ type: "consentAdmin", ...STAGE_DEFAULTS }); },
      'Access package "Tier 1 Analyst": approval now by 1: members of MSSP Analyst Approvers, then 2: the customer administrator who granted consent (was members of MSSP Analyst Approvers).'],
    ["live response for tier 1", (d: BlueprintDefinition) => { d.defenderRoles[0]!.excludeActions = ["microsoft.xdr/configuration/security/*"]; },
      'Defender role "MSSP Tier 1 Analyst": excluded actions now microsoft.xdr/configuration/security/* (were microsoft.xdr/secops/*liveresponse*, microsoft.xdr/configuration/security/*).'],
    ["auto-repair", (d: BlueprintDefinition) => { d.autoRepairHighDrift = true; }, "High drift is now repaired at once, without waiting for an admin."],
    ["a removed tier", (d: BlueprintDefinition) => { d.groups.splice(1, 1); }, 'Group "Tier 2 Analyst" removed.'],
  ])("%s", (_name, edit, sentence) => {
    expect(words(edit)).toEqual([sentence]);
  });
});

describe("warnings before a save", () => {
  it("names new risks only, once each", () => {
    const risky = structuredClone(DEFAULT_BLUEPRINT);
    risky.accessPackages[0]!.policy.expirationDays = 730;
    risky.accessPackages[1]!.policy.reviewEveryMonths = null;
    expect(blueprintWarnings(risky, DEFAULT_BLUEPRINT)).toEqual([
      '"Tier 1 Analyst": access lasts 730 days, more than a year, before it expires.',
      '"Tier 2 Analyst": no access review, so nobody re-checks who still holds it.',
    ]);
    expect(blueprintWarnings(risky, risky)).toEqual([]);
    expect(blueprintWarnings(DEFAULT_BLUEPRINT, DEFAULT_BLUEPRINT)).toEqual([]);
    const fewer = structuredClone(DEFAULT_BLUEPRINT);
    fewer.groups.splice(1, 1);
    expect(blueprintWarnings(fewer, DEFAULT_BLUEPRINT)).toEqual(['The group "Tier 2 Analyst" leaves the blueprint, with its Defender role and access package.']);
  });
});
