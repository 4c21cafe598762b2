import type { ExtraRoleScope } from "./observed";
import { isPendingId } from "./plan";
import type { ObjectKind, Plan, PlanStep } from "./types";

/**
 * Drift = the plan of an observed, already provisioned tenant, read as a list of differences
 * with a severity. Pure: the same observe + plan the engine runs, so repair (an apply of that
 * plan) fixes exactly what is reported.
 *
 * high: access wider than the blueprint (anyone could request, no approval, longer expiry,
 * more resources or permissions); medium: something the recipe needs is broken or gone;
 * low: cosmetic (names and descriptions).
 */

export type DriftSeverity = "high" | "medium" | "low";
export const SEVERITIES: DriftSeverity[] = ["high", "medium", "low"];

export interface DriftItem {
  /** the plan step's key, or "extraScope:<scopeId>" / "approversEmpty|approversMissing|approversExtra:<group key>" */
  key: string;
  kind: ObjectKind | "extraRoleScope" | "approverMembers";
  severity: DriftSeverity;
  /** the field that differs; absent when the whole object is missing or extra */
  field?: string;
  /** what the tenant has (absent: the object is missing) */
  actual?: unknown;
  /** what the blueprint says (absent: the object should not exist) */
  expected?: unknown;
  /** one sentence, for the page, CLI and audit log */
  message: string;
  /** false when Repair cannot restore it alone (a person must act) */
  repairable: boolean;
  /** for an extra role scope: what Repair deletes */
  scope?: { packageId: string; scopeId: string };
  /** where the person who must act goes (for an item Repair cannot fix) */
  href?: string;
}

/** An approvers group as read from the tenant, beside the assignments of the package that fills it. */
export interface ApproverGroupState {
  key: string;
  displayName: string;
  packageName: string;
  memberIds: string[];
  /** every assignment of the package (delivered, expired, removed) */
  assignments: { state: string; targetId: string; targetName: string }[];
  /**
   * assignments short of ended whose target has no object id yet (Graph: null while the subject is
   * not yet a user in the tenant, e.g. a guest being made): whoever they put there cannot be told
   * from a member nobody approved, so no member is judged extra until they have one
   */
  unattributed?: number;
  /** My Access request link of the package (what an approver opens) */
  requestUrl?: string;
}

const COSMETIC = new Set(["displayName", "description"]);

/** ISO 8601 day durations (P365D, P2Y, P12M) as days; null for "never expires". */
export function durationDays(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?/.exec(value);
  if (!m) return null;
  const [, y, mo, w, d] = m.map((x) => (x ? Number(x) : 0));
  return y! * 365 + mo! * 30 + w! * 7 + d!;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const addsTo = (actual: unknown, expected: unknown) => list(actual).some((x) => !list(expected).includes(x));
const stages = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** A stage fewer (one sign-off skipped) or someone extra approving a stage widens access. */
const stagesLoosened = (actual: unknown, expected: unknown) =>
  stages(actual).length < stages(expected).length || stages(expected).some((stage, i) => addsTo(stages(actual)[i], stage));

/** How bad one differing field is, per object kind. */
export function fieldSeverity(kind: ObjectKind, field: string, actual: unknown, expected: unknown): DriftSeverity {
  if (COSMETIC.has(field)) return "low";
  // It still points at an object that was deleted (and is made again): broken, not wider.
  if ([expected, ...list(expected)].some(isPendingId)) return "medium";
  if (kind === "assignmentPolicy") {
    switch (field) {
      case "allowedTargetScope":
        return "high";
      case "connectedOrganizationIds":
        return addsTo(actual, expected) ? "high" : "medium";
      case "approvalStages":
        return stagesLoosened(actual, expected) ? "high" : "medium";
      // Neither lets anyone in without the same sign-offs, so neither is wider access. More
      // days only keep a request open longer for the same approvers; fewer deny requests
      // before the approvers can act (the recipe is broken, not loosened).
      case "approvalDecisionDays":
        return "medium";
      // The approval itself still gates access; without a reason the decision is only harder
      // to audit. Turned on against the blueprint, approvers are held to more, which is still
      // a difference the blueprint did not ask for.
      case "approverJustificationRequired":
        return "medium";
      case "approvalRequired":
      case "justificationRequired":
      case "extension":
        return actual === true && expected === false ? "medium" : "high";
      case "expiration": {
        const a = durationDays(actual);
        const e = durationDays(expected);
        return a === null || (e !== null && a > e) ? "high" : "medium";
      }
      case "reviewEveryMonths":
        return actual === null || (typeof actual === "number" && typeof expected === "number" && (actual > expected || actual < 0)) ? "high" : "medium";
      default:
        return "medium";
    }
  }
  if (kind === "defenderRole" && field === "actions") return addsTo(actual, expected) ? "high" : "medium";
  if (kind === "defenderRoleAssignment") return addsTo(actual, expected) || field === "appScopeIds" ? "high" : "medium";
  if (kind === "connectedOrganization" && field === "tenantIds") return addsTo(actual, expected) ? "high" : "medium";
  if (kind === "accessPackage" && field === "isHidden") return "low";
  return "medium";
}

const show = (value: unknown) => (value === null ? "none" : typeof value === "string" ? `"${value}"` : JSON.stringify(value));

/** Per-stage settings read beside the approvers of each stage (PolicyShape). */
const STAGE_SETTINGS = new Set(["approvalDecisionDays", "approverJustificationRequired"]);

/**
 * A stage added or removed changes each per-stage setting list by that stage alone: the
 * approvalStages item already says so, and a second item per setting would only repeat it.
 */
function echoesStageCount(field: string, change: { before?: unknown; after?: unknown }, all: PlanStep["change"]): boolean {
  if (!STAGE_SETTINGS.has(field) || !all.approvalStages) return false;
  const before = stages(change.before);
  const after = stages(change.after);
  const common = Math.min(before.length, after.length);
  return before.length !== after.length && JSON.stringify(before.slice(0, common)) === JSON.stringify(after.slice(0, common));
}

function fromStep(step: PlanStep): DriftItem[] {
  const bare = step.title.replace(/^(Create|Update|Adopt) /, "");
  const name = bare.charAt(0).toUpperCase() + bare.slice(1);
  if (step.action === "create") {
    return [{ key: step.key, kind: step.kind, severity: "medium", message: `${name} is missing from the tenant (deleted outside Gatehouse).`, expected: Object.fromEntries(Object.entries(step.change).map(([k, c]) => [k, c.after])), repairable: true }];
  }
  if (step.action === "update" || step.action === "adopt") {
    const items = Object.entries(step.change).filter(([field, c]) => !echoesStageCount(field, c, step.change)).map(([field, c]): DriftItem => ({
      key: step.key, kind: step.kind, field, actual: c.before, expected: c.after,
      severity: fieldSeverity(step.kind, field, c.before, c.after),
      message: `${name}: ${field} is ${show(c.before)}, the blueprint says ${show(c.after)}.`,
      repairable: true,
    }));
    if (step.action === "adopt") {
      items.push({ key: step.key, kind: step.kind, severity: "low", message: `${name} exists but Gatehouse has no record of it; Repair adopts it.`, repairable: true });
    }
    return items;
  }
  return [];
}

function extraScopeItem(scope: ExtraRoleScope): DriftItem {
  const base = { key: `extraScope:${scope.scopeId}`, kind: "extraRoleScope" as const, actual: scope.label, scope: { packageId: scope.packageId, scopeId: scope.scopeId }, repairable: true };
  const pkg = scope.packageKey.replace("accessPackage:", "");
  // The role of the package's own group, deleted outside Gatehouse: stale, not an addition.
  if (scope.orphaned) return { ...base, severity: "medium", message: `The package ${pkg} still holds ${scope.label}, a group that was deleted; Repair removes it and grants the recreated group.` };
  return { ...base, severity: "high", message: `An extra role scope (${scope.label}) was added to the package ${pkg}: everyone who gets the package gets it too.` };
}

const names = (list: { targetName: string }[]) => [...new Set(list.map((a) => a.targetName))];

/**
 * Assignment states in which the assignment no longer holds its target in the group. Every other
 * state (delivered, delivering, partiallyDelivered, and anything Graph adds later, which this
 * client reads as unknownFutureValue, or no state at all) counts as holding: Repair removes a
 * person from the approvers group only when it is sure no assignment put them there.
 */
const ENDED_STATES = new Set(["expired", "deliveryfailed"]);
export const isEndedAssignmentState = (state: string) => ENDED_STATES.has(state.toLowerCase());

export interface ApproverMemberDifferences {
  /** delivered assignments whose target is not a member */
  missing: ApproverGroupState["assignments"];
  /** member object ids that no assignment short of ended put there (added by hand, outside any approval) */
  extra: string[];
  /**
   * whether Repair may remove `extra`: only while some assignment in force keeps an approver in the
   * group. Gatehouse never empties the group on its own: with no assignment in force the package
   * may have been replaced by a blueprint edit, and the "extra" members be the approvers it put there.
   */
  removable: boolean;
}

/** The group against the package that fills it. Pure: the check and Repair agree on what differs. */
export function approverMemberDifferences(group: ApproverGroupState): ApproverMemberDifferences {
  const members = new Set(group.memberIds.map((id) => id.toLowerCase()));
  const live = new Set(group.assignments.filter((a) => !isEndedAssignmentState(a.state)).map((a) => a.targetId.toLowerCase()));
  const extra = group.unattributed ? [] : [...members].filter((id) => !live.has(id));
  return {
    missing: group.assignments.filter((a) => a.state.toLowerCase() === "delivered" && !members.has(a.targetId.toLowerCase())),
    extra,
    removable: extra.length > 0 && live.size > 0,
  };
}

/**
 * The approvers group's members are the targets of the Approvers package's delivered
 * assignments. Missing ones Repair adds back; an empty group with no delivered assignment
 * left needs people (Gatehouse never chooses approvers). A member no assignment put there can
 * approve every analyst request without anyone having approved them: high, and Repair removes it.
 */
export function approverItems(group: ApproverGroupState): DriftItem[] {
  const members = new Set(group.memberIds.map((id) => id.toLowerCase()));
  const delivered = group.assignments.filter((a) => a.state.toLowerCase() === "delivered");
  const { missing, extra, removable } = approverMemberDifferences(group);
  const base = { kind: "approverMembers" as const, severity: "medium" as const, field: "members" };
  const items: DriftItem[] = [];
  if (extra.length > 0) {
    const found = `The approvers group "${group.displayName}" has ${extra.length} member(s) that no "${group.packageName}" assignment put there (${extra.join(", ")}): added outside any approval, they can approve analyst requests.`;
    items.push({
      ...base, severity: "high", key: `approversExtra:${group.key}`, repairable: removable, actual: extra, expected: names(delivered),
      message: removable
        ? `${found} Repair removes them.`
        : `${found} No "${group.packageName}" assignment is in force, so Gatehouse does not empty the group on its own (after a blueprint edit that replaced the package, these may be the approvers the old one put there). If nobody approved them, remove them from the group in Entra; each real approver requests "${group.packageName}" in the customer's My Access.`,
      ...(!removable && group.requestUrl ? { href: group.requestUrl } : {}),
    });
  }
  if (missing.length > 0) {
    items.push({
      ...base, key: `${members.size ? "approversMissing" : "approversEmpty"}:${group.key}`, repairable: true,
      actual: names(delivered.filter((a) => members.has(a.targetId.toLowerCase()))), expected: names(delivered),
      message: members.size
        ? `The approvers group "${group.displayName}" lacks ${missing.length} of the people whose "${group.packageName}" assignment is delivered; Repair adds back ${names(missing).join(", ")}.`
        : `The approvers group "${group.displayName}" was emptied although ${delivered.length} "${group.packageName}" assignment(s) are delivered: nobody can approve analyst requests. Repair adds back ${names(missing).join(", ")}.`,
    });
  } else if (members.size === 0 && delivered.length === 0 && group.assignments.length > 0) {
    items.push({
      ...base, key: `approversEmpty:${group.key}`, repairable: false, actual: [], expected: names(group.assignments),
      message: `The approvers group "${group.displayName}" is empty and no "${group.packageName}" assignment is delivered any more (${group.assignments.length} ended or were removed): nobody can approve analyst requests. Gatehouse does not choose approvers: each MSSP approver requests "${group.packageName}" again in the customer's My Access, and the customer's administrator approves it.`,
      ...(group.requestUrl ? { href: group.requestUrl } : {}),
    });
  }
  return items;
}

export function classifyDrift(planned: Plan, extras: { extraRoleScopes?: ExtraRoleScope[]; approverGroups?: ApproverGroupState[] } = {}): DriftItem[] {
  const items = planned.steps.flatMap(fromStep);
  items.push(...(extras.extraRoleScopes ?? []).map(extraScopeItem), ...(extras.approverGroups ?? []).flatMap(approverItems));
  const rank = (s: DriftSeverity) => SEVERITIES.indexOf(s);
  return items.sort((a, b) => rank(a.severity) - rank(b.severity) || a.key.localeCompare(b.key));
}

export function countBySeverity(items: DriftItem[]): Record<DriftSeverity, number> {
  const counts: Record<DriftSeverity, number> = { high: 0, medium: 0, low: 0 };
  for (const item of items) counts[item.severity]++;
  return counts;
}
