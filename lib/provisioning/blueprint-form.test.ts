// The Settings editor's form ⇄ definition mapping: pure.
import { describe, expect, it } from "vitest";
import { blueprintSchema, DEFAULT_BLUEPRINT, STAGE_DEFAULTS, type BlueprintDefinition } from "./blueprint";
import { FALLBACK_FIELDS, fieldNameOf, formValuesOf, readBlueprintForm, toFieldErrors } from "./blueprint-form";

const PAT = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

function withFallback(): BlueprintDefinition {
  const bp = structuredClone(DEFAULT_BLUEPRINT);
  bp.accessPackages[2]!.policy.stages = [{ type: "consentAdmin", fallbackUser: { objectId: PAT, displayName: "Pat Doe" }, ...STAGE_DEFAULTS }];
  bp.accessPackages[0]!.policy.stages = [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", fallbackUser: { objectId: PAT, displayName: "Pat Doe" }, ...STAGE_DEFAULTS }];
  bp.accessPackages[1]!.policy.reviewEveryMonths = null;
  bp.defenderRoles[1]!.excludeActions = [];
  return bp;
}

/** Tier 1's stages decide differently: a week with a reason, then a day without. */
function withStageSettings(): BlueprintDefinition {
  const bp = structuredClone(DEFAULT_BLUEPRINT);
  bp.accessPackages[0]!.policy.stages = [
    { type: "group", group: "approvers", decisionDays: 7, approverJustificationRequired: true },
    { type: "consentAdmin", decisionDays: 1, approverJustificationRequired: false },
  ];
  bp.accessPackages[2]!.policy.stages[0]!.approverJustificationRequired = true;
  return bp;
}

describe("blueprint form", () => {
  it.each([
    ["the default recipe", () => DEFAULT_BLUEPRINT],
    ["two stages, a stand-in approver, no review, no exclusions", withFallback],
    ["stages whose approvers decide within other times, some giving a reason", withStageSettings],
  ])("%s survives the round trip through the form's fields", (_name, definition) => {
    const values = { ...formValuesOf(definition()), baseVersion: "4" };
    const read = readBlueprintForm(values);
    expect(read.baseVersion).toBe(4);
    expect(blueprintSchema.parse(read.definition)).toEqual(definition());
  });

  it("reads what an admin types: numbers, none, ticks, one action per line or comma", () => {
    const values = formValuesOf(DEFAULT_BLUEPRINT);
    values["accessPackages.0.policy.expirationDays"] = " 180 ";
    values["accessPackages.0.policy.reviewEveryMonths"] = "none";
    values["accessPackages.0.policy.allowExtension"] = "false";
    values["defenderRoles.0.includeActions"] = "microsoft.xdr/secops/*\n\n  microsoft.xdr/a/* , microsoft.xdr/b/*";
    values["accessPackages.1.policy.stages.1.approver"] = "consentAdmin";
    const d = blueprintSchema.parse(readBlueprintForm(values).definition);
    expect(d.accessPackages[0]!.policy).toMatchObject({ expirationDays: 180, reviewEveryMonths: null, allowExtension: false });
    expect(d.defenderRoles[0]!.includeActions).toEqual(["microsoft.xdr/secops/*", "microsoft.xdr/a/*", "microsoft.xdr/b/*"]);
    expect(d.accessPackages[1]!.policy.stages).toEqual([{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }]);
  });

  it("shows each stage's decision time and reason box, and reads what an admin changes in them", () => {
    const values = formValuesOf(withStageSettings());
    expect([values["accessPackages.0.policy.stages.0.decisionDays"], values["accessPackages.0.policy.stages.0.approverJustificationRequired"]]).toEqual(["7", "true"]);
    expect([values["accessPackages.0.policy.stages.1.decisionDays"], values["accessPackages.0.policy.stages.1.approverJustificationRequired"]]).toEqual(["1", "false"]);
    values["accessPackages.0.policy.stages.0.decisionDays"] = " 10 ";
    values["accessPackages.0.policy.stages.0.approverJustificationRequired"] = "false";
    values["accessPackages.1.policy.stages.0.approverJustificationRequired"] = "true";
    const d = blueprintSchema.parse(readBlueprintForm(values).definition);
    expect(d.accessPackages[0]!.policy.stages).toEqual([
      { type: "group", group: "approvers", decisionDays: 10, approverJustificationRequired: false },
      { type: "consentAdmin", decisionDays: 1, approverJustificationRequired: false },
    ]);
    expect(d.accessPackages[1]!.policy.stages).toEqual([{ type: "group", group: "approvers", decisionDays: 14, approverJustificationRequired: true }]);
  });

  it("a form from before stage settings (no such fields) saves the defaults", () => {
    const values = Object.fromEntries(Object.entries(formValuesOf(DEFAULT_BLUEPRINT)).filter(([name]) => !/\.(decisionDays|approverJustificationRequired)$/.test(name)));
    expect(blueprintSchema.parse(readBlueprintForm(values).definition)).toEqual(DEFAULT_BLUEPRINT);
  });

  it("the stand-in approver goes to every customer-administrator stage; half of it is an error on its field", () => {
    const values = formValuesOf(DEFAULT_BLUEPRINT);
    values[FALLBACK_FIELDS.objectId] = PAT;
    values[FALLBACK_FIELDS.displayName] = "";
    const result = blueprintSchema.safeParse(readBlueprintForm(values).definition);
    expect(result.success).toBe(false);
    const errors = toFieldErrors(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), [i.message]])));
    expect(errors).toEqual({ [FALLBACK_FIELDS.displayName]: ["a name is required"] });
  });

  it.each([
    ["an empty expiry", "accessPackages.0.policy.expirationDays", "", "enter a number of days"],
    ["words for an expiry", "accessPackages.0.policy.expirationDays", "a year", "enter a number of days"],
    ["half a day", "accessPackages.0.policy.expirationDays", "1.5", "a whole number of days"],
    ["an empty tier name", "groups.0.displayName", "  ", "a name is required"],
    ["a spaced mail nickname", "groups.0.mailNickname", "tier one", expect.stringMatching(/may not contain spaces/)],
    ["an unknown approver group", "accessPackages.0.policy.stages.0.approver", "group:ghosts", "'ghosts' is not a group of this blueprint"],
    ["no days to decide", "accessPackages.0.policy.stages.0.decisionDays", "0", "between 1 and 14 days"],
    ["more days to decide than Graph allows", "accessPackages.2.policy.stages.0.decisionDays", "15", "between 1 and 14 days"],
    ["half a day to decide", "accessPackages.0.policy.stages.0.decisionDays", "1.5", "a whole number of days, between 1 and 14 days"],
    ["words for the decision time", "accessPackages.1.policy.stages.0.decisionDays", "x", "enter a number of days, between 1 and 14 days"],
    ["an emptied decision time", "accessPackages.0.policy.stages.0.decisionDays", " ", "enter a number of days, between 1 and 14 days"],
  ])("%s is an error next to its field", (_name, field, value, message) => {
    const values = { ...formValuesOf(DEFAULT_BLUEPRINT), [field]: value };
    const result = blueprintSchema.safeParse(readBlueprintForm(values).definition);
    const errors = toFieldErrors(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), [i.message]])));
    expect(errors).toEqual({ [field]: [message] });
  });

  it("forged names never reach the prototype and unknown fields are refused by the schema", () => {
    const values = { ...formValuesOf(DEFAULT_BLUEPRINT), "__proto__.polluted": "yes", "groups.0.constructor.x": "1", "a b": "1", "catalog.extra": "1" };
    const { definition } = readBlueprintForm(values);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(blueprintSchema.safeParse(definition).error!.issues.map((i) => i.path.join("."))).toEqual(["catalog"]);
  });

  it("a forged name nested a hundred thousand deep is dropped, not a stack overflow", () => {
    const values = { ...formValuesOf(DEFAULT_BLUEPRINT), [`groups${".0".repeat(100_000)}`]: "x", [`catalog${".a".repeat(100_000)}`]: "x" };
    const { definition } = readBlueprintForm(values);
    expect(blueprintSchema.safeParse(definition).success).toBe(true);
  });

  it("maps schema paths to the fields they are shown next to", () => {
    expect(fieldNameOf("accessPackages.2.policy.stages.0.group")).toBe("accessPackages.2.policy.stages.0.approver");
    expect(fieldNameOf("accessPackages.2.policy.stages.0.fallbackUser.objectId")).toBe(FALLBACK_FIELDS.objectId);
    expect(fieldNameOf("groups.1.displayName")).toBe("groups.1.displayName");
    expect(fieldNameOf("accessPackages.0.policy.stages.1.decisionDays")).toBe("accessPackages.0.policy.stages.1.decisionDays");
    expect(Object.keys(formValuesOf(DEFAULT_BLUEPRINT))).toContain("accessPackages.0.policy.stages.0.decisionDays");
  });
});

describe("structural edits", () => {
  it("adds a tier as a group, a Defender role and a package under one new key, valid as it stands", async () => {
    const { addTier, removeTier } = await import("./blueprint-edits");
    const added = addTier(DEFAULT_BLUEPRINT);
    expect(added.groups.at(-1)).toMatchObject({ key: "tier3", displayName: "Tier 3 Analyst", mailNickname: "gatehouse-tier3-analyst" });
    expect(added.defenderRoles.at(-1)).toMatchObject({ key: "tier3", group: "tier3", includeActions: DEFAULT_BLUEPRINT.defenderRoles[0]!.includeActions });
    expect(added.accessPackages.at(-1)).toMatchObject({ key: "tier3", group: "tier3", policy: { stages: [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }], expirationDays: 365 } });
    expect(blueprintSchema.safeParse(added).success).toBe(true);
    expect(addTier(removeTier(DEFAULT_BLUEPRINT, "tier1")).groups.map((g) => g.key)).toEqual(["tier2", "approvers", "tier1"]);
    const removed = removeTier(added, "tier2");
    expect([removed.groups, removed.defenderRoles, removed.accessPackages].map((l) => l.map((x) => x.key))).toEqual([["tier1", "approvers", "tier3"], ["tier1", "tier3"], ["tier1", "approvers", "tier3"]]);
  });

  it("a second stage asks someone other than the first; never fewer than one or more than two", async () => {
    const { setStageCount } = await import("./blueprint-edits");
    const stagesOf = (d: BlueprintDefinition, key: string) => d.accessPackages.find((p) => p.key === key)!.policy.stages;
    expect(stagesOf(setStageCount(DEFAULT_BLUEPRINT, "tier1", 2), "tier1")).toEqual([{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }]);
    expect(stagesOf(setStageCount(DEFAULT_BLUEPRINT, "approvers", 2), "approvers")).toEqual([{ type: "consentAdmin", ...STAGE_DEFAULTS }, { type: "group", group: "approvers", ...STAGE_DEFAULTS }]);
    expect(stagesOf(setStageCount(DEFAULT_BLUEPRINT, "tier1", 5), "tier1")).toHaveLength(2);
    expect(stagesOf(setStageCount(setStageCount(DEFAULT_BLUEPRINT, "tier1", 2), "tier1", 0), "tier1")).toEqual([{ type: "group", group: "approvers", ...STAGE_DEFAULTS }]);
  });
});
