import type { BlueprintPolicy } from "./blueprint";

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
  /** "group:<id>" | "user:<id>", sorted */
  approvers: string[];
  /** months between access reviews; null: no review */
  reviewEveryMonths: number | null;
}

export interface PolicyRefs {
  connectedOrganizationId: string;
  /** "group:<id>" or "user:<id>" */
  approver: string;
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
    approvers: [refs.approver],
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
    approvers: arr(approval.stages)
      .flatMap((s) => arr(s.primaryApprovers))
      .map(subjectRef)
      .filter((r): r is string => r !== null)
      .sort(),
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
export function policyBody(shape: PolicyShape, labels: { connectedOrganization: string; approver: string }, now: Date): Loose {
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
      stages: shape.approvalRequired
        ? [{
            durationBeforeAutomaticDenial: "P14D",
            isApproverJustificationRequired: false,
            isEscalationEnabled: false,
            durationBeforeEscalation: "PT0S",
            primaryApprovers: shape.approvers.map((ref) => subject(ref, labels.approver)),
            fallbackPrimaryApprovers: [],
            escalationApprovers: [],
            fallbackEscalationApprovers: [],
          }]
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
