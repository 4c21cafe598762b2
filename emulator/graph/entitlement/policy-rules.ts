/**
 * Business rules Graph applies to accessPackageAssignmentPolicy on POST and PUT (beyond the
 * schema): target scope vs. specificAllowedTargets, expiration pattern, approval stages.
 * Returns the settings to store, with Graph's defaults filled in.
 */
import { badRequest } from "../errors.ts";
import type { Json } from "../state/records.ts";
import type { TenantState } from "../state/tenant-state.ts";

const READ_ONLY = new Set(["id", "createdDateTime", "modifiedDateTime", "accessPackage", "catalog", "questions", "customExtensionStageSettings"]);
const SPECIFIC_SCOPES = new Set(["specificDirectoryUsers", "specificConnectedOrganizationUsers", "specificDirectoryServicePrincipals"]);
const MAX_AUTO_DENY_DAYS = 14;

const type = (subject: Json) => String(subject["@odata.type"] ?? "").replace("#microsoft.graph.", "");

export function parseDurationMs(duration: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!m) return NaN;
  const [, y, mo, w, d, h, mi, s] = m.map((v) => Number(v ?? 0));
  return ((((y! * 365 + mo! * 30 + w! * 7 + d!) * 24 + h!) * 60 + mi!) * 60 + s!) * 1000;
}

function checkSubjects(state: TenantState, subjects: unknown, where: string, allowed: string[]): void {
  for (const [i, subject] of ((subjects as Json[] | undefined) ?? []).entries()) {
    const kind = type(subject);
    if (!allowed.includes(kind)) throw badRequest(`${where}[${i}]: a '${kind}' subject set is not allowed here (allowed: ${allowed.join(", ")}).`);
    if (kind === "groupMembers" && !state.groups.has(String(subject.groupId ?? "").toLowerCase())) {
      throw badRequest(`${where}[${i}].groupId '${String(subject.groupId)}' is not a group of this tenant.`);
    }
    if (kind === "connectedOrganizationMembers" && !state.connectedOrganizations.has(String(subject.connectedOrganizationId ?? "").toLowerCase())) {
      throw badRequest(`${where}[${i}].connectedOrganizationId '${String(subject.connectedOrganizationId)}' is not a connected organization of this tenant.`);
    }
  }
}

function checkExpiration(expiration: Json | undefined, now: Date): Json {
  if (!expiration) return { type: "noExpiration", duration: null, endDateTime: null };
  const kind = expiration.type ?? (expiration.duration ? "afterDuration" : expiration.endDateTime ? "afterDateTime" : "noExpiration");
  const { duration, endDateTime } = expiration;
  if (kind === "afterDuration") {
    if (typeof duration !== "string" || !(parseDurationMs(duration) > 0)) throw badRequest("expiration.duration is required (an ISO 8601 duration such as P365D) when expiration.type is 'afterDuration'.");
    if (endDateTime) throw badRequest("expiration.endDateTime cannot be combined with expiration.type 'afterDuration'.");
  } else if (kind === "afterDateTime") {
    if (typeof endDateTime !== "string") throw badRequest("expiration.endDateTime is required when expiration.type is 'afterDateTime'.");
    if (Date.parse(endDateTime) <= now.getTime()) throw badRequest("expiration.endDateTime must be in the future.");
    if (duration) throw badRequest("expiration.duration cannot be combined with expiration.type 'afterDateTime'.");
  } else if (duration || endDateTime) {
    throw badRequest(`expiration.duration and expiration.endDateTime must be empty when expiration.type is '${String(kind)}'.`);
  }
  return { type: kind, duration: duration ?? null, endDateTime: endDateTime ?? null };
}

function checkApproval(state: TenantState, settings: Json | undefined): Json {
  const approval = settings ?? {};
  const stages = (approval.stages as Json[] | undefined) ?? [];
  const required = approval.isApprovalRequiredForAdd === true;
  if (required && stages.length === 0) throw badRequest("requestApprovalSettings.stages must contain at least one stage when isApprovalRequiredForAdd is true.");
  if (stages.length > 3) throw badRequest("requestApprovalSettings.stages allows at most 3 stages.");
  const approverKinds = ["singleUser", "groupMembers", "requestorManager", "internalSponsors", "externalSponsors", "targetUserSponsors"];
  const normalisedStages = stages.map((stage, i) => {
    const where = `requestApprovalSettings.stages[${i}]`;
    if (required && !((stage.primaryApprovers as unknown[] | undefined)?.length)) throw badRequest(`${where}.primaryApprovers must name at least one approver.`);
    checkSubjects(state, stage.primaryApprovers, `${where}.primaryApprovers`, approverKinds);
    checkSubjects(state, stage.fallbackPrimaryApprovers, `${where}.fallbackPrimaryApprovers`, approverKinds);
    checkSubjects(state, stage.escalationApprovers, `${where}.escalationApprovers`, approverKinds);
    const autoDeny = String(stage.durationBeforeAutomaticDenial ?? "P14D");
    const ms = parseDurationMs(autoDeny);
    if (!(ms > 0) || ms > MAX_AUTO_DENY_DAYS * 86_400_000) throw badRequest(`${where}.durationBeforeAutomaticDenial must be between PT1H and P${MAX_AUTO_DENY_DAYS}D.`);
    return {
      durationBeforeAutomaticDenial: autoDeny,
      isApproverJustificationRequired: stage.isApproverJustificationRequired ?? false,
      isEscalationEnabled: stage.isEscalationEnabled ?? false,
      durationBeforeEscalation: stage.durationBeforeEscalation ?? "PT0S",
      primaryApprovers: stage.primaryApprovers ?? [],
      fallbackPrimaryApprovers: stage.fallbackPrimaryApprovers ?? [],
      escalationApprovers: stage.escalationApprovers ?? [],
      fallbackEscalationApprovers: stage.fallbackEscalationApprovers ?? [],
    };
  });
  return {
    isApprovalRequiredForAdd: required,
    isApprovalRequiredForUpdate: approval.isApprovalRequiredForUpdate ?? false,
    isRequestorJustificationRequired: approval.isRequestorJustificationRequired ?? false,
    stages: normalisedStages,
  };
}

export function policySettings(state: TenantState, body: Json, now: Date): Json {
  const displayName = body.displayName;
  if (typeof displayName !== "string" || !displayName.trim()) throw badRequest("The property 'displayName' is required on 'accessPackageAssignmentPolicy'.");
  const scope = String(body.allowedTargetScope ?? "notSpecified");
  const targets = (body.specificAllowedTargets as Json[] | undefined) ?? [];
  if (SPECIFIC_SCOPES.has(scope) && targets.length === 0) throw badRequest(`specificAllowedTargets must not be empty when allowedTargetScope is '${scope}'.`);
  if (!SPECIFIC_SCOPES.has(scope) && targets.length > 0) throw badRequest(`specificAllowedTargets must be empty when allowedTargetScope is '${scope}'.`);
  const targetKinds: Record<string, string[]> = {
    specificConnectedOrganizationUsers: ["connectedOrganizationMembers"],
    specificDirectoryUsers: ["singleUser", "groupMembers", "attributeRuleMembers"],
    specificDirectoryServicePrincipals: ["singleServicePrincipal"],
  };
  checkSubjects(state, targets, "specificAllowedTargets", targetKinds[scope] ?? []);
  const requestor = (body.requestorSettings as Json | undefined) ?? {};
  const settings: Json = {
    displayName,
    description: body.description ?? null,
    allowedTargetScope: scope,
    specificAllowedTargets: targets,
    expiration: checkExpiration(body.expiration as Json | undefined, now),
    requestorSettings: {
      enableTargetsToSelfAddAccess: false, enableTargetsToSelfUpdateAccess: false, enableTargetsToSelfRemoveAccess: false,
      allowCustomAssignmentSchedule: false, enableOnBehalfRequestorsToAddAccess: false, enableOnBehalfRequestorsToUpdateAccess: false,
      enableOnBehalfRequestorsToRemoveAccess: false, onBehalfRequestors: [], ...requestor,
    },
    requestApprovalSettings: checkApproval(state, body.requestApprovalSettings as Json | undefined),
    reviewSettings: body.reviewSettings ?? null,
    notificationSettings: body.notificationSettings ?? null,
  };
  if (body.automaticRequestSettings) settings.automaticRequestSettings = body.automaticRequestSettings;
  for (const key of Object.keys(body)) if (!READ_ONLY.has(key) && !(key in settings) && !key.startsWith("@")) settings[key] = body[key];
  return settings;
}
