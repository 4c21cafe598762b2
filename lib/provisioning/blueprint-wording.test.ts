// Blueprint changes in words, and the warnings before a risky save: pure.
import { describe, expect, it } from "vitest";
import { DEFAULT_BLUEPRINT, STAGE_DEFAULTS, type BlueprintDefinition } from "./blueprint";
import { diffBlueprints } from "./blueprint-diff";
import { blueprintWarnings } from "./blueprint-warnings";
import { decisionText, describeBlueprintChanges } from "./blueprint-wording";

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

  it.each([
    ["a shorter decision time", (d: BlueprintDefinition) => { d.accessPackages[0]!.policy.stages[0]!.decisionDays = 7; },
      ['Access package "Tier 1 Analyst", stage 1: approvers decide within 7 days (was 14).']],
    ["one day to decide", (d: BlueprintDefinition) => { d.accessPackages[1]!.policy.stages[0]!.decisionDays = 1; },
      ['Access package "Tier 2 Analyst", stage 1: approvers decide within 1 day (was 14).']],
    ["approvers must give a reason", (d: BlueprintDefinition) => { d.accessPackages[2]!.policy.stages[0]!.approverJustificationRequired = true; },
      ['Access package "MSSP Analyst Approvers", stage 1: approvers must now give a reason.']],
    ["both at once", (d: BlueprintDefinition) => { Object.assign(d.accessPackages[0]!.policy.stages[0]!, { decisionDays: 3, approverJustificationRequired: true }); },
      ['Access package "Tier 1 Analyst", stage 1: approvers decide within 3 days (was 14); approvers must now give a reason.']],
    ["a new second stage that decides faster, with a reason", (d: BlueprintDefinition) => { d.accessPackages[0]!.policy.stages.push({ type: "consentAdmin", decisionDays: 2, approverJustificationRequired: true }); }, [
      'Access package "Tier 1 Analyst": approval now by 1: members of MSSP Analyst Approvers, then 2: the customer administrator who granted consent (was members of MSSP Analyst Approvers).',
      'Access package "Tier 1 Analyst", stage 2: approvers decide within 2 days; approvers must give a reason.',
    ]],
    ["other approvers, deciding as before", (d: BlueprintDefinition) => { d.accessPackages[1]!.policy.stages = [{ type: "consentAdmin", ...STAGE_DEFAULTS }]; },
      ['Access package "Tier 2 Analyst": approval now by the customer administrator who granted consent (was members of MSSP Analyst Approvers).']],
  ])("a stage's decision settings: %s", (_name, edit, sentences) => {
    expect(words(edit)).toEqual(sentences);
  });

  it("the reason no longer required, said as such", () => {
    const before = structuredClone(DEFAULT_BLUEPRINT);
    before.accessPackages[0]!.policy.stages[0]!.approverJustificationRequired = true;
    expect(describeBlueprintChanges(diffBlueprints(before, DEFAULT_BLUEPRINT), before, DEFAULT_BLUEPRINT)).toEqual(['Access package "Tier 1 Analyst", stage 1: approvers no longer need to give a reason.']);
  });

  it("sums up how each package's approvers decide", () => {
    const d = structuredClone(DEFAULT_BLUEPRINT);
    expect(decisionText(d.accessPackages[0]!.policy)).toBe("approvers decide within 14 days");
    d.accessPackages[0]!.policy.stages.push({ type: "consentAdmin", decisionDays: 1, approverJustificationRequired: true });
    expect(decisionText(d.accessPackages[0]!.policy)).toBe("approvers decide at stage 1 within 14 days; at stage 2 within 1 day, giving a reason");
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
    const hurried = structuredClone(DEFAULT_BLUEPRINT);
    hurried.accessPackages[0]!.policy.stages[0]!.decisionDays = 2;
    hurried.accessPackages[1]!.policy.stages[0]!.decisionDays = 3;
    expect(blueprintWarnings(hurried, DEFAULT_BLUEPRINT)).toEqual(['"Tier 1 Analyst", stage 1: approvers have only 2 days to decide; a request nobody decides by then is denied.']);
    const fewer = structuredClone(DEFAULT_BLUEPRINT);
    fewer.groups.splice(1, 1);
    expect(blueprintWarnings(fewer, DEFAULT_BLUEPRINT)).toEqual(['The group "Tier 2 Analyst" leaves the blueprint, with its Defender role and access package.']);
  });
});
