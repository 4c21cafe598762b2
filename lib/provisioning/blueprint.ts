import { z } from "zod";

/**
 * The blueprint: the desired state of one customer tenant (Microsoft's MSSP access recipe).
 * Pure data + zod schema, no I/O, so the Settings page, the consent page and the engine all
 * read the same definition. Stored versioned per workspace (model Blueprint); with no stored
 * version the default below applies.
 */

// Keys become step keys ("group:tier1") and TenantObject keys: stable, short, URL-safe.
const key = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "a key is lower-case letters, digits and dashes, starting with a letter");
const displayName = z.string().trim().min(1, "a name is required").max(256, "at most 256 characters");
const description = z.string().trim().max(1024, "at most 1024 characters");
// Graph refuses these in mailNickname (GRAPH-API §2).
const mailNickname = z.string().min(1, "a mail nickname is required").max(64, "at most 64 characters").regex(/^[^@()\\[\]";:.<>, ]+$/, "mailNickname may not contain spaces or @ ( ) \\ [ ] \" ; : . < > ,");
// Defender action patterns, `*` matching within and across path segments.
const actionPattern = z.string().max(200, "an action pattern is at most 200 characters").regex(/^[a-z0-9.*/_-]+$/i, "an action pattern is like microsoft.xdr/secops/*");
// Far more than Defender's catalog needs; each pattern is matched against every action of it.
const actionPatterns = z.array(actionPattern).max(200, "at most 200 action patterns");

export const blueprintGroupSchema = z.strictObject({ key, displayName, description, mailNickname });

export const blueprintDefenderRoleSchema = z.strictObject({
  key,
  displayName,
  description,
  /** the blueprint group the role is assigned to */
  group: key,
  /** actions of the tenant's catalog the role holds: every available action matching an include pattern and no exclude pattern */
  includeActions: actionPatterns.min(1, "name at least one action pattern"),
  excludeActions: actionPatterns.default([]),
});

/** Graph's longest wait before it denies an undecided request; what Gatehouse always sent before stages had settings. */
export const MAX_DECISION_DAYS = 14;
const DECISION_DAYS_RANGE = `between 1 and ${MAX_DECISION_DAYS} days`;

/**
 * How each stage's approvers decide. Defaults are what Gatehouse sent before these were
 * settings, so a stored definition without them plans no change against tenants made from it.
 */
const stageSettings = {
  /** days the stage's approvers have before Graph denies the request (durationBeforeAutomaticDenial) */
  decisionDays: z
    .number({ error: `enter a number of days, ${DECISION_DAYS_RANGE}` })
    .int(`a whole number of days, ${DECISION_DAYS_RANGE}`)
    .min(1, DECISION_DAYS_RANGE)
    .max(MAX_DECISION_DAYS, DECISION_DAYS_RANGE)
    .default(MAX_DECISION_DAYS),
  /** approvers must say why they approve or deny (isApproverJustificationRequired) */
  approverJustificationRequired: z.boolean({ error: "tick or untick" }).default(false),
};

export const STAGE_DEFAULTS = { decisionDays: MAX_DECISION_DAYS, approverJustificationRequired: false } as const;

/** Who approves requests for a package at one stage, and how they decide. */
export const approvalSchema = z.discriminatedUnion("type", [
  /** members of a blueprint group (the Tier packages: MSSP Analyst Approvers) */
  z.strictObject({ type: z.literal("group"), group: key, ...stageSettings }),
  /**
   * The customer administrator who granted consent (their object id is proven by the consent
   * flow); else the customer user named here. By object id: the app holds no permission to
   * look users up by name. The customer keeps the gate on who approves.
   */
  z.strictObject({
    type: z.literal("consentAdmin"),
    fallbackUser: z.strictObject({ objectId: z.string().uuid("the approver's object id is a GUID").toLowerCase(), displayName: displayName }).optional(),
    ...stageSettings,
  }),
]);

/** At most two stages: Graph allows three, but a third sign-off only slows an analyst's urgent access. */
export const MAX_APPROVAL_STAGES = 2;

/**
 * Stored definitions before approval stages had one `approval`: it reads as a single stage, so
 * every saved version stays valid and means what it meant.
 */
function approvalAsStages(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || !("approval" in value) || "stages" in value) return value;
  const { approval, ...rest } = value as { approval: unknown };
  return { ...rest, stages: [approval] };
}

const policyFields = z.strictObject({
  displayName,
  description,
  /** Graph asks each stage in turn: stage 1 approves, then stage 2 (if any) decides. */
  stages: z.array(approvalSchema).min(1, "a request needs at least one approval stage").max(MAX_APPROVAL_STAGES, `at most ${MAX_APPROVAL_STAGES} approval stages`),
  justificationRequired: z.boolean(),
  expirationDays: z.number({ error: "enter a number of days" }).int("a whole number of days").min(1, "at least 1 day").max(3650, "at most 3650 days (10 years)"),
  /** recurring access review of every assignment, in months (12 = annual); null: no review */
  reviewEveryMonths: z.number({ error: "choose how often, or no review" }).int().min(1, "at least every month").max(12, "at least once a year").nullable(),
  /** analysts may ask to extend their access before it expires */
  allowExtension: z.boolean(),
});

export const blueprintPolicySchema = z.preprocess(approvalAsStages, policyFields);

export const blueprintPackageSchema = z.strictObject({
  key,
  displayName,
  description,
  /** the blueprint group whose Member role the package grants */
  group: key,
  policy: blueprintPolicySchema,
});

export const blueprintSchema = z
  .strictObject({
    /** start provisioning as soon as consent is proven */
    autoProvisionOnConsent: z.boolean().default(true),
    /** a drift check that finds `high` drift (access wider than the blueprint) repairs it at once */
    autoRepairHighDrift: z.boolean().default(false),
    groups: z.array(blueprintGroupSchema).min(1).max(20),
    defenderRoles: z.array(blueprintDefenderRoleSchema).max(20),
    connectedOrganization: z.strictObject({ description }),
    catalog: z.strictObject({ displayName, description }),
    accessPackages: z.array(blueprintPackageSchema).max(20),
  })
  .superRefine((value, ctx) => {
    const groups = new Set(value.groups.map((g) => g.key));
    const unique = (list: { key: string }[], path: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.key)) ctx.addIssue({ code: "custom", path: [path, i, "key"], message: `the key '${item.key}' is used twice` });
        seen.add(item.key);
      });
    };
    unique(value.groups, "groups");
    unique(value.defenderRoles, "defenderRoles");
    unique(value.accessPackages, "accessPackages");
    const names = new Set<string>();
    value.groups.forEach((g, i) => {
      // Adoption finds groups by exact name: two groups with one name could never be told apart.
      const name = g.displayName.toLowerCase();
      if (names.has(name)) ctx.addIssue({ code: "custom", path: ["groups", i, "displayName"], message: `the group name '${g.displayName}' is used twice` });
      names.add(name);
    });
    const needGroup = (group: string, path: (string | number)[]) => {
      if (!groups.has(group)) ctx.addIssue({ code: "custom", path, message: `'${group}' is not a group of this blueprint` });
    };
    value.defenderRoles.forEach((r, i) => needGroup(r.group, ["defenderRoles", i, "group"]));
    const fallbacks = new Set<string>();
    value.accessPackages.forEach((p, i) => {
      needGroup(p.group, ["accessPackages", i, "group"]);
      p.policy.stages.forEach((stage, s) => {
        const path = ["accessPackages", i, "policy", "stages", s];
        if (stage.type === "group") needGroup(stage.group, [...path, "group"]);
        if (stage.type === "consentAdmin") fallbacks.add(stage.fallbackUser?.objectId ?? "");
        // Graph lets an approver of stage 1 decide stage 2 as well: the second stage would add nothing.
        if (s > 0 && sameApprovers(stage, p.policy.stages[s - 1]!)) ctx.addIssue({ code: "custom", path: [...path, "type"], message: "the second stage has the same approvers as the first" });
      });
    });
    // One customer user stands in for the administrator in every tenant (observe.resolveApprover).
    if (fallbacks.size > 1) ctx.addIssue({ code: "custom", path: ["accessPackages"], message: "every stage approved by the customer administrator must name the same fallback user (or none)" });
  });

/** Who a stage asks, without how they decide: another decision time does not make other approvers. */
export function sameApprovers(a: Approval, b: Approval): boolean {
  if (a.type === "group") return b.type === "group" && a.group === b.group;
  if (b.type === "group") return false;
  return a.fallbackUser?.objectId === b.fallbackUser?.objectId;
}

export type BlueprintDefinition = z.infer<typeof blueprintSchema>;
export type BlueprintGroup = z.infer<typeof blueprintGroupSchema>;
export type BlueprintDefenderRole = z.infer<typeof blueprintDefenderRoleSchema>;
export type BlueprintPackage = z.infer<typeof blueprintPackageSchema>;
export type BlueprintPolicy = z.infer<typeof blueprintPolicySchema>;
export type Approval = z.infer<typeof approvalSchema>;

export interface Blueprint {
  /** 0 for the built-in default that no workspace has stored yet */
  version: number;
  definition: BlueprintDefinition;
}

const SECOPS = "microsoft.xdr/secops/*";
const LIVE_RESPONSE = "microsoft.xdr/secops/*liveresponse*";
const SECURITY_SETTINGS = "microsoft.xdr/configuration/security/*";

const tierPolicy = (tier: string): BlueprintPolicy => ({
  displayName: `MSSP analysts - ${tier}`,
  description: "Requests from the MSSP tenant; approval by MSSP Analyst Approvers; 365-day expiry; annual review",
  stages: [{ type: "group", group: "approvers", ...STAGE_DEFAULTS }],
  justificationRequired: true,
  expirationDays: 365,
  reviewEveryMonths: 12,
  allowExtension: true,
});

/** Microsoft's MSSP access recipe (ARCHITECTURE "The recipe it automates"). */
export const DEFAULT_BLUEPRINT: BlueprintDefinition = blueprintSchema.parse({
  autoProvisionOnConsent: true,
  autoRepairHighDrift: false,
  groups: [
    { key: "tier1", displayName: "Tier 1 Analyst", description: "MSSP SOC tier 1 analysts (managed by Gatehouse)", mailNickname: "gatehouse-tier1-analyst" },
    { key: "tier2", displayName: "Tier 2 Analyst", description: "MSSP SOC tier 2 analysts (managed by Gatehouse)", mailNickname: "gatehouse-tier2-analyst" },
    { key: "approvers", displayName: "MSSP Analyst Approvers", description: "Approve MSSP analysts' access requests (managed by Gatehouse)", mailNickname: "gatehouse-mssp-approvers" },
  ],
  defenderRoles: [
    {
      key: "tier1", displayName: "MSSP Tier 1 Analyst", group: "tier1",
      description: "Every security-operations action except live response and security-settings management (managed by Gatehouse)",
      includeActions: [SECOPS], excludeActions: [LIVE_RESPONSE, SECURITY_SETTINGS],
    },
    {
      key: "tier2", displayName: "MSSP Tier 2 Analyst", group: "tier2",
      description: "Tier 1 plus live response (managed by Gatehouse)",
      includeActions: [SECOPS], excludeActions: [SECURITY_SETTINGS],
    },
  ],
  connectedOrganization: { description: "MSSP analyst tenant (managed by Gatehouse)" },
  catalog: { displayName: "MSSP Accesses", description: "MSSP analyst access (managed by Gatehouse)" },
  accessPackages: [
    { key: "tier1", displayName: "Tier 1 Analyst", description: "MSSP SOC tier 1 access", group: "tier1", policy: tierPolicy("Tier 1") },
    { key: "tier2", displayName: "Tier 2 Analyst", description: "MSSP SOC tier 2 access", group: "tier2", policy: tierPolicy("Tier 2") },
    {
      key: "approvers", displayName: "MSSP Analyst Approvers", description: "Approve MSSP analysts' access requests", group: "approvers",
      policy: {
        displayName: "MSSP approvers",
        description: "Requests from the MSSP tenant; approved by the customer's administrator; 365-day expiry; annual review",
        stages: [{ type: "consentAdmin" }],
        justificationRequired: true,
        expirationDays: 365,
        reviewEveryMonths: 12,
        allowExtension: true,
      },
    },
  ],
});

/** Parses a stored or submitted definition; throws a ZodError naming each bad field. */
export function parseBlueprint(value: unknown): BlueprintDefinition {
  return blueprintSchema.parse(value);
}

/**
 * `*` matches any run of characters (within and across segments), case-insensitively. Not a
 * RegExp: `.*.*.*…z` backtracks exponentially, and a saved pattern of a dozen stars would hang
 * every apply. This walk backs up only to the last star, so it costs at most pattern × action.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < a.length) {
    if (i < p.length && p[i] === "*") {
      star = i++;
      resume = j;
    } else if (i < p.length && p[i] === a[j]) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (p[i] === "*") i++;
  return i === p.length;
}

/** The tenant's available actions a role holds, sorted (so comparisons are order-free). */
export function resolveRoleActions(role: Pick<BlueprintDefenderRole, "includeActions" | "excludeActions">, available: string[]): string[] {
  return [...new Set(available.filter((a) => role.includeActions.some((p) => actionMatches(p, a)) && !role.excludeActions.some((p) => actionMatches(p, a))))].sort();
}
