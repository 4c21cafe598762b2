// The blueprint schema: the default is valid and every bad definition names its field.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { actionMatches, DEFAULT_BLUEPRINT, parseBlueprint, resolveRoleActions, STAGE_DEFAULTS } from "./blueprint";

const clone = () => structuredClone(DEFAULT_BLUEPRINT);

function issues(value: unknown): string[] {
  try {
    parseBlueprint(value);
  } catch (error) {
    if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw error;
  }
  return [];
}

describe("blueprint", () => {
  it("the default is Microsoft's recipe and parses to itself", () => {
    expect(parseBlueprint(JSON.parse(JSON.stringify(DEFAULT_BLUEPRINT)))).toEqual(DEFAULT_BLUEPRINT);
    expect(DEFAULT_BLUEPRINT.groups.map((g) => g.displayName)).toEqual(["Tier 1 Analyst", "Tier 2 Analyst", "MSSP Analyst Approvers"]);
    expect(DEFAULT_BLUEPRINT.catalog.displayName).toBe("MSSP Accesses");
    expect(DEFAULT_BLUEPRINT.autoProvisionOnConsent).toBe(true);
    for (const p of DEFAULT_BLUEPRINT.accessPackages) expect(p.policy).toMatchObject({ expirationDays: 365, reviewEveryMonths: 12, allowExtension: true, justificationRequired: true });
    expect(DEFAULT_BLUEPRINT.accessPackages.find((p) => p.key === "approvers")!.policy.stages).toEqual([{ type: "consentAdmin", ...STAGE_DEFAULTS }]);
  });

  it("names every problem: unknown references, duplicate keys and names, bad mail nicknames", () => {
    const bad = clone();
    bad.groups.push({ ...bad.groups[0]!, key: "tier1" });
    bad.groups[1]!.mailNickname = "tier 2";
    bad.defenderRoles[0]!.group = "nobody";
    bad.accessPackages[0]!.policy.stages = [{ type: "group", group: "ghosts", ...STAGE_DEFAULTS }];
    expect(issues(bad)).toEqual(expect.arrayContaining([
      "groups.3.key: the key 'tier1' is used twice",
      "groups.3.displayName: the group name 'Tier 1 Analyst' is used twice",
      expect.stringMatching(/^groups\.1\.mailNickname: mailNickname may not contain spaces/),
      "defenderRoles.0.group: 'nobody' is not a group of this blueprint",
      "accessPackages.0.policy.stages.0.group: 'ghosts' is not a group of this blueprint",
    ]));
  });

  it("refuses unknown fields and out-of-range durations", () => {
    expect(issues({ ...clone(), extra: true })).toEqual([expect.stringMatching(/extra|Unrecognized/)]);
    const bad = clone();
    bad.accessPackages[0]!.policy.expirationDays = 0;
    bad.accessPackages[1]!.policy.reviewEveryMonths = 13;
    expect(issues(bad).map((i) => i.split(":")[0])).toEqual(["accessPackages.0.policy.expirationDays", "accessPackages.1.policy.reviewEveryMonths"]);
  });

  it("names the fallback approver by object id only", () => {
    const bp = clone();
    bp.accessPackages[2]!.policy.stages = [{ type: "consentAdmin", fallbackUser: { objectId: "not-a-guid", displayName: "Pat" }, ...STAGE_DEFAULTS }];
    expect(issues(bp)).toEqual([expect.stringMatching(/fallbackUser\.objectId: the approver's object id is a GUID/)]);
  });

  it("reads a stored single `approval` as one stage, meaning what it meant", () => {
    const stored = JSON.parse(JSON.stringify(DEFAULT_BLUEPRINT)) as { accessPackages: { policy: Record<string, unknown> }[] };
    for (const p of stored.accessPackages) {
      p.policy.approval = (p.policy.stages as unknown[])[0];
      delete p.policy.stages;
    }
    expect(parseBlueprint(stored)).toEqual(DEFAULT_BLUEPRINT);
  });

  it("allows one or two approval stages, never none, three or the same approvers twice", () => {
    const two = clone();
    two.accessPackages[0]!.policy.stages = [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }];
    expect(issues(two)).toEqual([]);
    const none = clone();
    none.accessPackages[0]!.policy.stages = [];
    expect(issues(none)).toEqual(["accessPackages.0.policy.stages: a request needs at least one approval stage"]);
    const three = clone();
    three.accessPackages[0]!.policy.stages = [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "consentAdmin", ...STAGE_DEFAULTS }, { type: "group", group: "tier2", ...STAGE_DEFAULTS }];
    expect(issues(three)).toEqual(["accessPackages.0.policy.stages: at most 2 approval stages"]);
    const twice = clone();
    twice.accessPackages[0]!.policy.stages = [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "group", group: "approvers", ...STAGE_DEFAULTS }];
    expect(issues(twice)).toEqual(["accessPackages.0.policy.stages.1.type: the second stage has the same approvers as the first"]);
  });

  it("a stored definition from before stage settings reads as 14 days to decide and no reason required", () => {
    const stored = JSON.parse(JSON.stringify(DEFAULT_BLUEPRINT)) as { accessPackages: { policy: { stages: Record<string, unknown>[] } }[] };
    for (const p of stored.accessPackages) for (const stage of p.policy.stages) {
      delete stage.decisionDays;
      delete stage.approverJustificationRequired;
    }
    const parsed = parseBlueprint(stored);
    expect(parsed).toEqual(DEFAULT_BLUEPRINT);
    expect(parsed.accessPackages.flatMap((p) => p.policy.stages).map((s) => [s.decisionDays, s.approverJustificationRequired])).toEqual([[14, false], [14, false], [14, false]]);
    // The older single `approval` as well.
    for (const p of stored.accessPackages as { policy: Record<string, unknown> }[]) {
      p.policy.approval = (p.policy.stages as unknown[])[0];
      delete p.policy.stages;
    }
    expect(parseBlueprint(stored)).toEqual(DEFAULT_BLUEPRINT);
  });

  it.each([
    ["none", 0, "between 1 and 14 days"],
    ["more than Graph allows", 15, "between 1 and 14 days"],
    ["half a day", 1.5, "a whole number of days, between 1 and 14 days"],
    ["words", "x", "enter a number of days, between 1 and 14 days"],
    ["nothing typed", null, "enter a number of days, between 1 and 14 days"],
  ])("a decision time of %s is refused beside its stage", (_name, decisionDays, message) => {
    const bp = clone() as unknown as { accessPackages: { policy: { stages: Record<string, unknown>[] } }[] };
    bp.accessPackages[1]!.policy.stages[0]!.decisionDays = decisionDays;
    expect(issues(bp)).toEqual([`accessPackages.1.policy.stages.0.decisionDays: ${message}`]);
  });

  it("a decision time of 1 to 14 days and a required approver reason are kept per stage", () => {
    const bp = clone();
    bp.accessPackages[0]!.policy.stages = [
      { type: "group", group: "approvers", decisionDays: 1, approverJustificationRequired: true },
      { type: "consentAdmin", decisionDays: 14, approverJustificationRequired: false },
    ];
    expect(parseBlueprint(bp).accessPackages[0]!.policy.stages.map((s) => [s.decisionDays, s.approverJustificationRequired])).toEqual([[1, true], [14, false]]);
    const bad = clone() as unknown as { accessPackages: { policy: { stages: Record<string, unknown>[] } }[] };
    bad.accessPackages[0]!.policy.stages[0]!.approverJustificationRequired = "yes";
    expect(issues(bad)).toEqual(["accessPackages.0.policy.stages.0.approverJustificationRequired: tick or untick"]);
  });

  it("a second stage with the same approvers is refused even when they decide differently", () => {
    const bp = clone();
    bp.accessPackages[0]!.policy.stages = [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }, { type: "group", group: "approvers", decisionDays: 3, approverJustificationRequired: true }];
    expect(issues(bp)).toEqual(["accessPackages.0.policy.stages.1.type: the second stage has the same approvers as the first"]);
  });

  it("one fallback user stands in for the customer administrator everywhere", () => {
    const bp = clone();
    bp.accessPackages[0]!.policy.stages = [{ type: "consentAdmin", fallbackUser: { objectId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", displayName: "Pat" }, ...STAGE_DEFAULTS }];
    expect(issues(bp)).toEqual([expect.stringMatching(/^accessPackages: every stage approved by the customer administrator must name the same fallback user/)]);
  });

  it("action patterns match within and across segments", () => {
    expect(actionMatches("microsoft.xdr/secops/*", "microsoft.xdr/secops/securitydata/alerts/manage")).toBe(true);
    expect(actionMatches("microsoft.xdr/secops/*liveresponse*", "microsoft.xdr/secops/securitydata/liveresponse-basic/manage")).toBe(true);
    expect(actionMatches("microsoft.xdr/secops/*", "microsoft.xdr/configuration/security/manage")).toBe(false);
    expect(resolveRoleActions({ includeActions: ["microsoft.xdr/secops/*"], excludeActions: ["*liveresponse*"] }, ["microsoft.xdr/secops/a/read", "microsoft.xdr/secops/liveresponse-basic/manage", "microsoft.xdr/secops/a/read"])).toEqual(["microsoft.xdr/secops/a/read"]);
  });

  it("a pattern of many stars answers at once (no backtracking blow-up) and still matches like one star", () => {
    const action = "microsoft.xdr/secops/securitydata/liveresponse-advanced/manage";
    const started = performance.now();
    expect(actionMatches(`${"*".repeat(40)}z`, action)).toBe(false);
    expect(actionMatches(`*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*e*Q`, action)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(actionMatches("**secops**manage", action)).toBe(true);
    expect(actionMatches("MICROSOFT.XDR/*", action)).toBe(true);
    expect(actionMatches("microsoft.xdr/secops/*/read", action)).toBe(false);
    expect(actionMatches("microsoft.xdr/*/manage", action)).toBe(true);
    expect(actionMatches("microsoft?xdr/*", action)).toBe(false);
  });

  it("refuses huge action lists and patterns (a forged form could send a megabyte of them)", () => {
    const bp = clone();
    bp.defenderRoles[0]!.includeActions = Array.from({ length: 10_000 }, (_, i) => `microsoft.xdr/secops/a${i}/*`);
    bp.defenderRoles[0]!.excludeActions = [`microsoft.xdr/${"a".repeat(10_000)}`];
    expect(issues(bp)).toEqual([
      expect.stringMatching(/^defenderRoles\.0\.includeActions: at most 200 action patterns/),
      expect.stringMatching(/^defenderRoles\.0\.excludeActions\.0: an action pattern is at most 200 characters/),
    ]);
  });
});
