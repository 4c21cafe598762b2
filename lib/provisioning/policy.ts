import { MAX_DECISION_DAYS, type BlueprintDefinition, type BlueprintPolicy } from "./blueprint";
import { stepKey } from "./keys";
import type { ApproverResolution } from "./observed";

/**
 * An assignment policy reduced to what the blueprint decides, so the policy Graph holds and
 * the policy the blueprint wants compare field by field (Graph fills in defaults and
 * reorders; those differences are not drift). Pure.
 */
export interface PolicyShape {
  displayName: string;
  description: string;
  allowedTargetScope: string;
  /** connected organization ids allowed to request, sorted */
  connectedOrganizationIds: string[];
  /** ISO 8601 duration, e.g. P365D; null when access never expires */
  expiration: string | null;
  selfRequest: boolean;
  /** requestors may ask to extend (update) their access */
  extension: boolean;
  approvalRequired: boolean;
  justificationRequired: boolean;
  /** per approval stage in Graph's order, its approvers ("group:<id>" | "user:<id>"), sorted */
  approvalStages: string[][];
  /**
   * per approval stage, the days its approvers have before Graph denies the request. Beside
   * `approvalStages`, not in it: who approves and how long they take drift with different severities.
   */
  approvalDecisionDays: number[];
  /** per approval stage, whether its approvers must give a reason */
  approverJustificationRequired: boolean[];
  /** months between access reviews; null: no review */
  reviewEveryMonths: number | null;
}

export interface PolicyRefs {
  connectedOrganizationId: string;
  /** per approval stage, who approves: "group:<id>" or "user:<id>" */
  stageApprovers: string[];
}

export interface StageApprover {
  /** "group:<id>" or "user:<id>" */
  ref: string;
  /** how the subject is described in Graph's body */
  label: string;
  /** the step that creates the approving group, if any */
  dependsOn?: string;
}

/**
 * Who approves each stage of a policy, in order. A group stage is the blueprint group (its id
 * from `groupId`, which may be a pending "(new …)" id in a plan); a customer-administrator
 * stage is the resolved approver. Null when such a stage has nobody to ask.
 */
export function stageApprovers(policy: BlueprintPolicy, blueprint: BlueprintDefinition, approver: ApproverResolution, groupId: (stepKey: string) => string): StageApprover[] | null {
  const out: StageApprover[] = [];
  for (const stage of policy.stages) {
    if (stage.type === "group") {
      const key = stepKey.group(stage.group);
      out.push({ ref: `group:${groupId(key)}`, label: blueprint.groups.find((g) => g.key === stage.group)?.displayName ?? stage.group, dependsOn: key });
    } else if (approver.found) {
      out.push({ ref: `user:${approver.userId}`, label: approver.label });
    } else {
      return null;
    }
  }
  return out;
}

export function desiredPolicyShape(policy: BlueprintPolicy, refs: PolicyRefs): PolicyShape {
  return {
    displayName: policy.displayName,
    description: policy.description,
    allowedTargetScope: "specificConnectedOrganizationUsers",
    connectedOrganizationIds: [refs.connectedOrganizationId],
    expiration: `P${policy.expirationDays}D`,
    selfRequest: true,
    extension: policy.allowExtension,
    approvalRequired: true,
    justificationRequired: policy.justificationRequired,
    approvalStages: refs.stageApprovers.map((ref) => [ref]),
    approvalDecisionDays: policy.stages.map((stage) => stage.decisionDays),
    approverJustificationRequired: policy.stages.map((stage) => stage.approverJustificationRequired),
    reviewEveryMonths: policy.reviewEveryMonths,
  };
}

type Loose = Record<string, unknown>;
const obj = (value: unknown): Loose => (value && typeof value === "object" ? (value as Loose) : {});
const arr = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
const odataType = (value: Loose) => String(value["@odata.type"] ?? "").replace("#microsoft.graph.", "");

function subjectRef(subject: Loose): string | null {
  const type = odataType(subject);
  if (type === "groupMembers" && typeof subject.groupId === "string") return `group:${subject.groupId.toLowerCase()}`;
  if (type === "singleUser" && typeof subject.userId === "string") return `user:${subject.userId.toLowerCase()}`;
  return type ? `${type}:` : null;
}

/** Months between reviews from a patterned recurrence (absoluteMonthly interval n, or yearly). */
function reviewMonths(review: Loose): number | null {
  if (review.isEnabled !== true) return null;
  const pattern = obj(obj(obj(review.schedule).recurrence).pattern);
  const interval = typeof pattern.interval === "number" ? pattern.interval : 1;
  if (pattern.type === "absoluteYearly" || pattern.type === "relativeYearly") return 12 * interval;
  if (pattern.type === "absoluteMonthly" || pattern.type === "relativeMonthly") return interval;
  return -1;
}

/**
 * Days in an ISO 8601 duration of weeks, days and time (P14D, P2W, PT36H → 14, 14, 1.5), so a
 * stage an admin set in hours still compares with the blueprint's days; -1 when it is not one.
 */
export function durationInDays(value: unknown): number {
  const m = typeof value === "string" ? /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value) : null;
  if (!m || value === "P" || String(value).endsWith("T")) return -1;
  const [w, d, h, min, sec] = m.slice(1).map((x) => (x ? Number(x) : 0)) as [number, number, number, number, number];
  return w * 7 + d + (h + min / 60 + sec / 3600) / 24;
}

/** The shape of a policy as Graph returns it. */
export function policyShapeFromGraph(json: unknown): PolicyShape {
  const p = obj(json);
  const requestor = obj(p.requestorSettings);
  const approval = obj(p.requestApprovalSettings);
  const expiration = obj(p.expiration);
  return {
    displayName: String(p.displayName ?? ""),
    description: String(p.description ?? ""),
    allowedTargetScope: String(p.allowedTargetScope ?? ""),
    connectedOrganizationIds: arr(p.specificAllowedTargets)
      .filter((t) => odataType(t) === "connectedOrganizationMembers")
      .map((t) => String(t.connectedOrganizationId ?? "").toLowerCase())
      .sort(),
    expiration: expiration.type === "afterDuration" && typeof expiration.duration === "string" ? expiration.duration : null,
    selfRequest: requestor.enableTargetsToSelfAddAccess === true,
    extension: requestor.enableTargetsToSelfUpdateAccess === true,
    approvalRequired: approval.isApprovalRequiredForAdd === true,
    justificationRequired: approval.isRequestorJustificationRequired === true,
    approvalStages: arr(approval.stages).map((s) =>
      arr(s.primaryApprovers)
        .map(subjectRef)
        .filter((r): r is string => r !== null)
        .sort(),
    ),
    approvalDecisionDays: arr(approval.stages).map((s) => durationInDays(s.durationBeforeAutomaticDenial)),
    approverJustificationRequired: arr(approval.stages).map((s) => s.isApproverJustificationRequired === true),
    reviewEveryMonths: reviewMonths(obj(p.reviewSettings)),
  };
}

/** The fields that differ, as { before, after }. */
export function diffShapes<T extends object>(before: T, after: T): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { before: before[key], after: after[key] };
  }
  return changes;
}

function subject(ref: string, description: string): Loose {
  const [type, id] = ref.split(":");
  return type === "group"
    ? { "@odata.type": "#microsoft.graph.groupMembers", groupId: id, description }
    : { "@odata.type": "#microsoft.graph.singleUser", userId: id, description };
}

/** The full v1.0 body (GRAPH-API §3.7) for POST and PUT. `now` dates the first review. */
export function policyBody(shape: PolicyShape, labels: { connectedOrganization: string; approver: (ref: string) => string }, now: Date): Loose {
  const firstReview = new Date(now.getTime());
  firstReview.setUTCMonth(firstReview.getUTCMonth() + (shape.reviewEveryMonths ?? 12));
  firstReview.setUTCHours(0, 0, 0, 0);
  return {
    displayName: shape.displayName,
    description: shape.description,
    allowedTargetScope: shape.allowedTargetScope,
    specificAllowedTargets: shape.connectedOrganizationIds.map((id) => ({ "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: id, description: labels.connectedOrganization })),
    expiration: shape.expiration ? { type: "afterDuration", duration: shape.expiration } : { type: "noExpiration" },
    requestorSettings: {
      enableTargetsToSelfAddAccess: shape.selfRequest,
      enableTargetsToSelfUpdateAccess: shape.extension,
      enableTargetsToSelfRemoveAccess: true,
      allowCustomAssignmentSchedule: false,
      enableOnBehalfRequestorsToAddAccess: false,
      enableOnBehalfRequestorsToUpdateAccess: false,
      enableOnBehalfRequestorsToRemoveAccess: false,
      onBehalfRequestors: [],
    },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: shape.approvalRequired,
      // an extension is a new grant: the same approvers decide
      isApprovalRequiredForUpdate: shape.approvalRequired,
      isRequestorJustificationRequired: shape.justificationRequired,
      // Escalation stays off (one approver set per stage).
      stages: shape.approvalRequired
        ? shape.approvalStages.map((approvers, i) => ({
            durationBeforeAutomaticDenial: `P${shape.approvalDecisionDays[i] ?? MAX_DECISION_DAYS}D`,
            isApproverJustificationRequired: shape.approverJustificationRequired[i] ?? false,
            isEscalationEnabled: false,
            durationBeforeEscalation: "PT0S",
            primaryApprovers: approvers.map((ref) => subject(ref, labels.approver(ref))),
            fallbackPrimaryApprovers: [],
            escalationApprovers: [],
            fallbackEscalationApprovers: [],
          }))
        : [],
    },
    reviewSettings: shape.reviewEveryMonths === null
      ? { isEnabled: false }
      : {
          isEnabled: true,
          expirationBehavior: "removeAccess",
          isRecommendationEnabled: true,
          isReviewerJustificationRequired: true,
          isSelfReview: true,
          schedule: {
            startDateTime: firstReview.toISOString().replace(".000Z", "Z"),
            expiration: { type: "afterDuration", duration: "P14D" },
            recurrence: {
              pattern: { type: "absoluteMonthly", interval: shape.reviewEveryMonths, month: 0, dayOfMonth: 0, daysOfWeek: [] },
              range: { type: "noEnd", numberOfOccurrences: 0 },
            },
          },
          primaryReviewers: [],
          fallbackReviewers: [],
        },
  };
}
