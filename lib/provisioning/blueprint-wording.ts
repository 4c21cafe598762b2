import { sameApprovers, STAGE_DEFAULTS, type Approval, type BlueprintDefinition, type BlueprintPolicy } from "./blueprint";
import type { BlueprintChange } from "./blueprint-diff";

/**
 * Blueprint changes in words an admin reads at a glance ("Access package "Tier 1 Analyst":
 * access now expires after 180 days (was 365 days).") instead of paths. Pure and client-safe;
 * Settings, the versions page and the audit log use it.
 */

type Collection = "groups" | "defenderRoles" | "accessPackages";
const NOUN: Record<Collection, string> = { groups: "Group", defenderRoles: "Defender role", accessPackages: "Access package" };

const quote = (value: unknown) => `"${String(value)}"`;
const short = (value: unknown) => {
  const text = String(value ?? "");
  return text === "" ? "empty" : quote(text.length > 120 ? `${text.slice(0, 117)}…` : text);
};
const list = (value: unknown) => (Array.isArray(value) && value.length ? value.join(", ") : "none");
const days = (value: unknown) => `${String(value)} days`;
const review = (value: unknown) => (value === null || value === undefined ? "no review" : `every ${String(value)} month${value === 1 ? "" : "s"}`);

function groupName(definition: BlueprintDefinition, key: string): string {
  return definition.groups.find((g) => g.key === key)?.displayName ?? key;
}

function stageText(stage: Approval, definition: BlueprintDefinition): string {
  if (stage.type === "group") return `members of ${groupName(definition, stage.group)}`;
  return stage.fallbackUser ? `the customer administrator who granted consent, else ${stage.fallbackUser.displayName}` : "the customer administrator who granted consent";
}

/** Who approves, in order: "members of X" or "1: members of X, then 2: …". */
export function approvalText(policy: Pick<BlueprintPolicy, "stages">, definition: BlueprintDefinition): string {
  if (policy.stages.length === 1) return stageText(policy.stages[0]!, definition);
  return policy.stages.map((stage, i) => `${i + 1}: ${stageText(stage, definition)}`).join(", then ");
}

const dayCount = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/**
 * How one stage's approvers decide, against the stage at the same position before (none: the
 * stage is new, so only what differs from the defaults, 14 days and no reason, is worth saying).
 */
function stageSettingClauses(stage: Approval, was: Approval | undefined): string[] {
  const clauses: string[] = [];
  const baseline = was ?? STAGE_DEFAULTS;
  if (stage.decisionDays !== baseline.decisionDays) clauses.push(`approvers decide within ${dayCount(stage.decisionDays)}${was ? ` (was ${was.decisionDays})` : ""}`);
  if (stage.approverJustificationRequired !== baseline.approverJustificationRequired) {
    clauses.push(stage.approverJustificationRequired ? `approvers must ${was ? "now " : ""}give a reason` : "approvers no longer need to give a reason");
  }
  return clauses;
}

/**
 * A stages change: who approves in one sentence (as before stages had settings), then one per
 * stage whose decision settings changed, so "7 days instead of 14" is not buried in a list of
 * unchanged approvers.
 */
function stagesSentences(subject: string, change: BlueprintChange, before: BlueprintDefinition, after: BlueprintDefinition): string[] {
  const a = (change.before ?? []) as Approval[];
  const b = (change.after ?? []) as Approval[];
  const sentences: string[] = [];
  if (a.length !== b.length || b.some((stage, i) => !sameApprovers(stage, a[i]!))) {
    sentences.push(`${subject}: approval now by ${approvalText({ stages: b }, after)} (was ${approvalText({ stages: a }, before)}).`);
  }
  b.forEach((stage, i) => {
    const clauses = stageSettingClauses(stage, a[i]);
    if (clauses.length > 0) sentences.push(`${subject}, stage ${i + 1}: ${clauses.join("; ")}.`);
  });
  return sentences;
}

/** How long approvers have, and whether they must say why: "approvers decide within 14 days". */
export function decisionText(policy: Pick<BlueprintPolicy, "stages">): string {
  const each = policy.stages.map((stage) => `within ${dayCount(stage.decisionDays)}${stage.approverJustificationRequired ? ", giving a reason" : ""}`);
  if (new Set(each).size === 1) return `approvers decide ${each[0]}`;
  return `approvers decide ${each.map((text, i) => `at stage ${i + 1} ${text}`).join("; ")}`;
}

function fieldSentence(field: string, change: BlueprintChange, before: BlueprintDefinition, after: BlueprintDefinition): string {
  const { before: a, after: b } = change;
  switch (field) {
    case "description":
      return `description now ${short(b)}`;
    case "mailNickname":
      return `mail nickname now ${quote(b)} (was ${quote(a)})`;
    case "group":
      return `now for group ${quote(groupName(after, String(b)))} (was ${quote(groupName(before, String(a)))})`;
    case "includeActions":
      return `allowed actions now ${list(b)} (were ${list(a)})`;
    case "excludeActions":
      return `excluded actions now ${list(b)} (were ${list(a)})`;
    case "policy.displayName":
      return `policy renamed from ${quote(a)} to ${quote(b)}`;
    case "policy.description":
      return `policy description now ${short(b)}`;
    case "policy.expirationDays":
      return `access now expires after ${days(b)} (was ${days(a)})`;
    case "policy.reviewEveryMonths":
      return b === null ? `no access review any more (was ${review(a)})` : `access now reviewed ${review(b)} (was ${review(a)})`;
    case "policy.justificationRequired":
      return b ? "requests now need a reason" : "requests no longer need a reason";
    case "policy.allowExtension":
      return b ? "analysts may now ask to extend their access" : "analysts may no longer extend their access";
    default:
      return `${field} changed from ${JSON.stringify(a) ?? "nothing"} to ${JSON.stringify(b) ?? "nothing"}`;
  }
}

const TOP_LEVEL: Record<string, (change: BlueprintChange) => string> = {
  autoProvisionOnConsent: (c) => (c.after ? "Provisioning now starts as soon as a customer consents." : "Provisioning no longer starts on consent: an admin applies it."),
  autoRepairHighDrift: (c) => (c.after ? "High drift is now repaired at once, without waiting for an admin." : "High drift now waits for an admin to repair it."),
  "catalog.displayName": (c) => `Catalog renamed from ${quote(c.before)} to ${quote(c.after)}.`,
  "catalog.description": (c) => `Catalog description now ${short(c.after)}.`,
  "connectedOrganization.description": (c) => `Connected organization description now ${short(c.after)}.`,
};

/**
 * The sentences for one change: one, except a change of approval stages, which says who approves
 * and how each stage's approvers decide apart. `before` and `after` are the two versions the
 * change was taken between.
 */
export function describeBlueprintChange(change: BlueprintChange, before: BlueprintDefinition, after: BlueprintDefinition): string[] {
  const top = TOP_LEVEL[change.path];
  if (top) return [top(change)];
  const m = /^(groups|defenderRoles|accessPackages)\[([^\]]+)\](?:\.(.+))?$/.exec(change.path);
  if (!m) return [`${change.path} changed from ${JSON.stringify(change.before) ?? "nothing"} to ${JSON.stringify(change.after) ?? "nothing"}.`];
  const [, collection, key, field] = m as unknown as [string, Collection, string, string | undefined];
  const find = (d: BlueprintDefinition) => (d[collection] as { key: string; displayName: string }[]).find((x) => x.key === key);
  const name = find(after)?.displayName ?? find(before)?.displayName ?? key;
  const noun = NOUN[collection];
  if (!field) return [`${noun} ${quote(name)} ${change.after === undefined ? "removed" : "added"}.`];
  if (field === "displayName") return [`${noun} ${quote(change.before)} renamed to ${quote(change.after)}.`];
  if (field === "policy.stages") return stagesSentences(`${noun} ${quote(name)}`, change, before, after);
  return [`${noun} ${quote(name)}: ${fieldSentence(field, change, before, after)}.`];
}

export function describeBlueprintChanges(changes: BlueprintChange[], before: BlueprintDefinition, after: BlueprintDefinition): string[] {
  return changes.flatMap((c) => describeBlueprintChange(c, before, after));
}
