import type { ExtraRoleScope } from "./observed";
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
  /** the plan step's key, or "extraScope:<scopeId>" / "approversEmpty:<group key>" */
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
}

export interface EmptyApproverGroup {
  key: string;
  displayName: string;
  /** delivered assignments of the package that fills the group */
  deliveredAssignments: number;
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
  if (kind === "assignmentPolicy") {
    switch (field) {
      case "allowedTargetScope":
        return "high";
      case "connectedOrganizationIds":
        return addsTo(actual, expected) ? "high" : "medium";
      case "approvalStages":
        return stagesLoosened(actual, expected) ? "high" : "medium";
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

function fromStep(step: PlanStep): DriftItem[] {
  const name = step.title.replace(/^(Create|Update|Adopt) /, "");
  if (step.action === "create") {
    return [{ key: step.key, kind: step.kind, severity: "medium", message: `${name} is missing from the tenant (deleted outside Gatehouse).`, expected: Object.fromEntries(Object.entries(step.change).map(([k, c]) => [k, c.after])), repairable: true }];
  }
  if (step.action === "update" || step.action === "adopt") {
    const items = Object.entries(step.change).map(([field, c]): DriftItem => ({
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

export function classifyDrift(planned: Plan, extras: { extraRoleScopes?: ExtraRoleScope[]; emptyApproverGroups?: EmptyApproverGroup[] } = {}): DriftItem[] {
  const items = planned.steps.flatMap(fromStep);
  for (const scope of extras.extraRoleScopes ?? []) {
    items.push({ key: `extraScope:${scope.scopeId}`, kind: "extraRoleScope", severity: "high", actual: scope.label, scope: { packageId: scope.packageId, scopeId: scope.scopeId }, message: `An extra role scope (${scope.label}) was added to the package ${scope.packageKey.replace("accessPackage:", "")}: everyone who gets the package gets it too.`, repairable: true });
  }
  for (const group of extras.emptyApproverGroups ?? []) {
    items.push({
      key: `approversEmpty:${group.key}`, kind: "approverMembers", severity: "medium", actual: 0, expected: group.deliveredAssignments,
      message: `The approvers group "${group.displayName}" has no members although ${group.deliveredAssignments} approver assignment(s) are delivered: nobody can approve analyst requests.`,
      // Members come from the Approvers package's assignments: Gatehouse cannot choose people.
      repairable: false,
    });
  }
  const rank = (s: DriftSeverity) => SEVERITIES.indexOf(s);
  return items.sort((a, b) => rank(a.severity) - rank(b.severity) || a.key.localeCompare(b.key));
}

export function countBySeverity(items: DriftItem[]): Record<DriftSeverity, number> {
  const counts: Record<DriftSeverity, number> = { high: 0, medium: 0, low: 0 };
  for (const item of items) counts[item.severity]++;
  return counts;
}
