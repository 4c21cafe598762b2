/**
 * The access-package life cycle: request → pendingApproval → delivered (guest account and
 * group membership) or denied; delivered → expired when the World clock passes the end date;
 * pending → auto-denied after durationBeforeAutomaticDenial.
 */
import { randomUUID } from "node:crypto";
import type { UserRecord, World } from "../../store/world.ts";
import { GraphError } from "../errors.ts";
import type { AccessPackageRecord, AssignmentRecord, AssignmentRequestRecord, Json, PolicyRecord, SubjectRecord } from "../state/records.ts";
import type { GraphState, TenantState } from "../state/tenant-state.ts";
import { accountIds, checkEligibility, inSubjectSets } from "./eligibility.ts";
import { parseDurationMs } from "./policy-rules.ts";

export interface AccessRequestInput { tenantId: string; accessPackageId: string; userPrincipalName: string; justification?: string; policyId?: string }
export interface DecisionInput { requestId: string; approverUserPrincipalName?: string; approverUserId?: string; decision: "Approve" | "Deny"; justification?: string }

const fail = (status: number, code: string, message: string) => new GraphError(status, code, message);

export class Lifecycle {
  constructor(private readonly world: World, private readonly graph: GraphState) {}

  private now(): string { return this.world.now().toISOString(); }

  requestAccess(input: AccessRequestInput): AssignmentRequestRecord {
    const tenant = this.world.findTenant(input.tenantId);
    if (!tenant) throw fail(404, "ResourceNotFound", `Tenant '${input.tenantId}' does not exist.`);
    const state = this.graph.tenant(tenant.id);
    this.sweep(tenant.id);
    const pkg = state.accessPackages.get(input.accessPackageId.toLowerCase());
    if (!pkg) throw fail(404, "ResourceNotFound", `Access package '${input.accessPackageId}' does not exist in tenant '${tenant.displayName}'.`);
    const found = this.world.findUserByUpn(input.userPrincipalName);
    if (!found) throw fail(404, "ResourceNotFound", `User '${input.userPrincipalName}' does not exist in any tenant.`);
    const { user, tenant: home } = found;
    const catalog = state.catalogs.get(pkg.catalogId);
    const policies = [...state.policies.values()].filter((p) => p.accessPackageId === pkg.id && (!input.policyId || p.id === input.policyId.toLowerCase()));
    if (policies.length === 0) throw fail(400, "NoMatchingPolicy", `Access package '${pkg.displayName}' has no assignment policy${input.policyId ? ` '${input.policyId}'` : ""}.`);
    const reasons: string[] = [];
    let chosen: { policy: PolicyRecord; connectedOrganizationId: string | null } | undefined;
    for (const policy of policies) {
      const verdict = checkEligibility({ world: this.world, state, tenant, policy, catalogExternal: catalog?.isExternallyVisible === true, user, home });
      if (verdict.ok) { chosen = { policy, connectedOrganizationId: verdict.connectedOrganizationId }; break; }
      reasons.push(verdict.reason);
    }
    if (!chosen) throw fail(403, "RequestorNotAllowed", `${user.userPrincipalName} cannot request '${pkg.displayName}': ${reasons.join("; ")}.`);
    const ids = accountIds(this.world, user, tenant.id);
    const mine = (s: SubjectRecord) => s.homeUserId === user.id || (s.objectId !== null && ids.includes(s.objectId));
    if ([...state.assignmentRequests.values()].some((r) => r.accessPackageId === pkg.id && mine(r.requestor) && (r.state === "pendingApproval" || r.state === "submitted"))) {
      throw fail(400, "ExistingOpenRequest", `${user.userPrincipalName} already has an open request for '${pkg.displayName}'.`);
    }
    if ([...state.assignments.values()].some((a) => a.accessPackageId === pkg.id && mine(a.target) && a.state === "delivered")) {
      throw fail(400, "ActiveAssignmentExists", `${user.userPrincipalName} already has an active assignment of '${pkg.displayName}'.`);
    }
    const approval = chosen.policy.settings.requestApprovalSettings as Json;
    const justification = input.justification?.trim() || null;
    if (approval.isRequestorJustificationRequired === true && !justification) {
      throw fail(400, "RequestorJustificationRequired", `The policy '${String(chosen.policy.settings.displayName)}' requires a justification.`);
    }
    const now = this.now();
    const stages = (approval.stages as Json[]) ?? [];
    const needsApproval = approval.isApprovalRequiredForAdd === true && stages.length > 0;
    const firstAutoDeny = parseDurationMs(String(stages[0]?.durationBeforeAutomaticDenial ?? "P14D"));
    const request: AssignmentRequestRecord = {
      id: randomUUID(), accessPackageId: pkg.id, policyId: chosen.policy.id, requestType: "userAdd",
      state: "pendingApproval", status: "PendingApproval", justification, createdDateTime: now, completedDateTime: null,
      schedule: { startDateTime: now, expiration: { ...(chosen.policy.settings.expiration as Json) }, recurrence: null },
      requestor: this.subject(user, home.id, tenant.id, chosen.connectedOrganizationId),
      assignmentId: null,
      autoDenyAt: needsApproval ? new Date(Date.parse(now) + firstAutoDeny).toISOString() : null,
      stages: stages.map((_, i) => ({ id: randomUUID(), status: i === 0 ? "InProgress" : "InProgress", reviewResult: "NotReviewed", justification: null, reviewedBy: null, reviewedDateTime: null })),
    };
    state.assignmentRequests.set(request.id, request);
    if (!needsApproval) this.deliver(state, request, pkg);
    return request;
  }

  private subject(user: UserRecord, homeTenantId: string, tenantId: string, connectedOrganizationId: string | null): SubjectRecord {
    const account = this.world.accountInTenant(user, tenantId);
    return {
      id: randomUUID(), objectId: account?.id ?? null, displayName: user.displayName, email: user.mail,
      principalName: user.userPrincipalName, subjectType: "user", connectedOrganizationId, homeTenantId, homeUserId: user.id,
    } as SubjectRecord;
  }

  findRequest(requestId: string): { state: TenantState; request: AssignmentRequestRecord } | undefined {
    for (const state of this.graph.all()) {
      const request = state.assignmentRequests.get(requestId.toLowerCase());
      if (request) return { state, request };
    }
    return undefined;
  }

  decide(input: DecisionInput): AssignmentRequestRecord {
    const found = this.findRequest(input.requestId);
    if (!found) throw fail(404, "ResourceNotFound", `Approval '${input.requestId}' was not found.`);
    const { state, request } = found;
    this.sweep(state.tenantId);
    if (request.state !== "pendingApproval") throw fail(409, "RequestAlreadyDecided", `The request is '${request.state}' and no longer awaits approval.`);
    const approver = input.approverUserId ? this.world.findUserById(input.approverUserId)?.user : this.world.findUserByUpn(input.approverUserPrincipalName ?? "")?.user;
    if (!approver) throw fail(404, "ResourceNotFound", `Approver '${input.approverUserPrincipalName ?? input.approverUserId}' does not exist.`);
    const policy = state.policies.get(request.policyId);
    const stageIndex = request.stages.findIndex((s) => s.reviewResult === "NotReviewed");
    const stageSettings = ((policy?.settings.requestApprovalSettings as Json | undefined)?.stages as Json[] | undefined)?.[stageIndex];
    const stage = request.stages[stageIndex];
    if (!stage || !stageSettings) throw fail(409, "RequestAlreadyDecided", "The request has no approval stage in progress.");
    const ids = accountIds(this.world, approver, state.tenantId);
    if (ids.includes(request.requestor.homeUserId) || (request.requestor.objectId && ids.includes(request.requestor.objectId))) {
      throw fail(403, "Authorization_RequestDenied", "Requestors cannot approve their own request.");
    }
    const approvers = [...((stageSettings.primaryApprovers as Json[]) ?? []), ...((stageSettings.fallbackPrimaryApprovers as Json[]) ?? [])];
    if (!inSubjectSets(state, ids, approvers)) throw fail(403, "Authorization_RequestDenied", `${approver.userPrincipalName} is not an approver of this request's stage.`);
    const justification = input.justification?.trim() || null;
    if (stageSettings.isApproverJustificationRequired === true && !justification) throw fail(400, "ApproverJustificationRequired", "This stage requires the approver to give a justification.");
    const now = this.now();
    Object.assign(stage, { status: "Completed", reviewResult: input.decision, justification, reviewedBy: { id: approver.id, displayName: approver.displayName }, reviewedDateTime: now });
    if (input.decision === "Deny") {
      Object.assign(request, { state: "denied", status: "Denied", completedDateTime: now, autoDenyAt: null });
      request.stages.filter((s) => s.reviewResult === "NotReviewed").forEach((s) => (s.status = "Completed"));
    } else if (request.stages.every((s) => s.reviewResult === "Approve")) {
      const pkg = state.accessPackages.get(request.accessPackageId);
      if (!pkg) throw fail(404, "ResourceNotFound", "The access package of this request no longer exists.");
      this.deliver(state, request, pkg);
    } else {
      const nextStage = ((policy?.settings.requestApprovalSettings as Json).stages as Json[])[stageIndex + 1];
      request.autoDenyAt = new Date(Date.parse(now) + parseDurationMs(String(nextStage?.durationBeforeAutomaticDenial ?? "P14D"))).toISOString();
    }
    return request;
  }

  private deliver(state: TenantState, request: AssignmentRequestRecord, pkg: AccessPackageRecord): void {
    const now = this.world.now();
    const home = this.world.tenants.get(request.requestor.homeTenantId);
    const homeUser = home?.users.get(request.requestor.homeUserId);
    if (!homeUser) throw fail(404, "ResourceNotFound", "The requestor no longer exists.");
    const account = this.world.addGuestUser(state.tenantId, { tenantId: homeUser.tenantId, userId: homeUser.id });
    const expiration = request.schedule.expiration as Json;
    const end = expiration.type === "afterDuration" ? new Date(now.getTime() + parseDurationMs(String(expiration.duration))).toISOString()
      : expiration.type === "afterDateTime" ? String(expiration.endDateTime) : null;
    const target: SubjectRecord = { ...request.requestor, objectId: account.id };
    const assignment: AssignmentRecord = {
      id: randomUUID(), accessPackageId: pkg.id, policyId: request.policyId, target, state: "delivered", status: "Delivered", expiredDateTime: null,
      schedule: { startDateTime: now.toISOString(), expiration: { type: expiration.type, duration: expiration.duration ?? null, endDateTime: end }, recurrence: null },
    };
    state.assignments.set(assignment.id, assignment);
    for (const { group, relation } of this.groupsOf(state, pkg.id)) group[relation].add(account.id);
    Object.assign(request, { state: "delivered", status: "Delivered", completedDateTime: now.toISOString(), assignmentId: assignment.id, autoDenyAt: null, requestor: target });
  }

  private groupsOf(state: TenantState, accessPackageId: string) {
    return [...state.roleScopes.values()].filter((s) => s.accessPackageId === accessPackageId).flatMap((s) => {
      const role = state.resourceRoles.get(s.roleId);
      const group = role ? state.groups.get(role.originId.replace(/^(Member|Owner)_/, "")) : undefined;
      return role && group ? [{ group, relation: role.originId.startsWith("Owner_") ? ("owners" as const) : ("members" as const) }] : [];
    });
  }

  /** Lets time-driven transitions catch up with the World clock. */
  sweep(tenantId: string): void {
    const state = this.graph.tenant(tenantId);
    const now = this.world.now().getTime();
    for (const request of state.assignmentRequests.values()) {
      if (request.state === "pendingApproval" && request.autoDenyAt && Date.parse(request.autoDenyAt) <= now) {
        Object.assign(request, { state: "denied", status: "Expired", completedDateTime: request.autoDenyAt, autoDenyAt: null });
        request.stages.filter((s) => s.reviewResult === "NotReviewed").forEach((s) => (s.status = "Expired"));
      }
    }
    for (const assignment of state.assignments.values()) {
      const end = (assignment.schedule.expiration as Json | undefined)?.endDateTime;
      if (assignment.state === "delivered" && typeof end === "string" && Date.parse(end) <= now) this.expire(state, assignment, end);
    }
  }

  sweepAll(): void { for (const state of this.graph.all()) this.sweep(state.tenantId); }

  /**
   * An administrator's adminRemove (GRAPH-API §5): the assignment ends now, its group
   * memberships go with it, and the request is delivered at once, as Graph does for an app.
   */
  adminRemove(tenantId: string, assignmentId: string): AssignmentRequestRecord {
    const state = this.graph.tenant(tenantId);
    const assignment = state.assignments.get(assignmentId.toLowerCase());
    if (!assignment) throw fail(404, "ResourceNotFound", `Assignment '${assignmentId}' was not found.`);
    if (assignment.state !== "delivered") throw fail(400, "BadRequest", `The assignment '${assignmentId}' is '${assignment.state}', not delivered; there is nothing to remove.`);
    return this.expire(state, assignment, this.world.now().toISOString(), "adminRemove");
  }

  private expire(state: TenantState, assignment: AssignmentRecord, end: string, requestType: "systemRemove" | "adminRemove" = "systemRemove"): AssignmentRequestRecord {
    Object.assign(assignment, { state: "expired", status: "Expired", expiredDateTime: end });
    const stillGranted = new Set([...state.assignments.values()]
      .filter((a) => a.state === "delivered" && a.target.objectId === assignment.target.objectId)
      .flatMap((a) => this.groupsOf(state, a.accessPackageId).map((g) => `${g.group.id}|${g.relation}`)));
    for (const { group, relation } of this.groupsOf(state, assignment.accessPackageId)) {
      if (!stillGranted.has(`${group.id}|${relation}`) && assignment.target.objectId) group[relation].delete(assignment.target.objectId);
    }
    const removal: AssignmentRequestRecord = {
      id: randomUUID(), accessPackageId: assignment.accessPackageId, policyId: assignment.policyId, requestType,
      state: "delivered", status: "Delivered", justification: null, createdDateTime: end, completedDateTime: end, schedule: { ...assignment.schedule },
      requestor: assignment.target, assignmentId: assignment.id, autoDenyAt: null, stages: [],
    };
    state.assignmentRequests.set(removal.id, removal);
    return removal;
  }
}
