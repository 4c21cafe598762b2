/** Assignments, assignment requests (list, get, create, cancel) and approvals (delegated only). */
import { randomUUID } from "node:crypto";
import type { Route, RouteContext } from "../context.ts";
import { badRequest, GraphError } from "../errors.ts";
import { PERMISSIONS } from "../permissions.ts";
import type { Json } from "../state/records.ts";
import { EM, entityResult, listResult, requireEntity } from "../entitlement/common.ts";
import { emSpecs } from "../entitlement/specs.ts";
import type { Lifecycle } from "../entitlement/lifecycle.ts";
import { validateBody } from "../schema/validate.ts";

const ASSIGNMENTS = "identityGovernance/entitlementManagement/assignments";
const REQUESTS = "identityGovernance/entitlementManagement/assignmentRequests";
const APPROVALS = "identityGovernance/entitlementManagement/accessPackageAssignmentApprovals";

function requireApproval(ctx: RouteContext) {
  const request = requireEntity(ctx.state.assignmentRequests, ctx.params.id);
  if (request.stages.length === 0) throw new GraphError(404, "ResourceNotFound", `Approval '${ctx.params.id}' was not found.`);
  return request;
}

/** POST assignmentRequests: a signed-in user's own request (userAdd) through the life cycle, or an adminRemove. */
function createRequest(ctx: RouteContext, lifecycle: Lifecycle) {
  const body = { ...(ctx.request.body as Json | undefined) };
  // `assignment: { accessPackageId, assignmentPolicyId, targetId }` is the documented request
  // shape even though those are not declared properties of accessPackageAssignment.
  const assignment = { ...((body.assignment as Json | undefined) ?? {}) };
  const accessPackageId = String(assignment.accessPackageId ?? (body.accessPackage as Json | undefined)?.id ?? "");
  const policyId = typeof assignment.assignmentPolicyId === "string" ? assignment.assignmentPolicyId : undefined;
  delete assignment.accessPackageId; delete assignment.assignmentPolicyId; delete assignment.targetId;
  validateBody({ ...body, assignment }, "accessPackageAssignmentRequest");
  if (body.requestType === "adminRemove") {
    // An administrator (or app) ends someone's assignment: `assignment: { id }` names it.
    if (typeof assignment.id !== "string" || assignment.id === "") throw badRequest("An 'adminRemove' request names the assignment to remove in assignment.id.");
    return entityResult(ctx, lifecycle.adminRemove(ctx.tenant.id, assignment.id), emSpecs(ctx.state).assignmentRequest, REQUESTS, 201);
  }
  if (body.requestType !== "userAdd") throw badRequest(`requestType '${String(body.requestType)}' is not supported by the emulator; use 'userAdd' with a delegated token, 'adminRemove', or the control API.`);
  if (ctx.principal.idtyp !== "user" || !ctx.principal.oid) throw badRequest("A 'userAdd' request must be made by the signed-in user (delegated token).");
  const user = ctx.world.findUserById(ctx.principal.oid)?.user;
  if (!user) throw new GraphError(404, "ResourceNotFound", "The signed-in user does not exist.");
  const home = user.homeUserId ? ctx.world.findUserById(user.homeUserId)?.user ?? user : user;
  const request = lifecycle.requestAccess({
    tenantId: ctx.tenant.id, accessPackageId, userPrincipalName: home.userPrincipalName,
    ...(typeof body.justification === "string" ? { justification: body.justification } : {}), ...(policyId ? { policyId } : {}),
  });
  return entityResult(ctx, request, emSpecs(ctx.state).assignmentRequest, REQUESTS, 201);
}

export function emAssignmentRoutes(lifecycle: Lifecycle): Route[] {
  return [
    { method: "GET", pattern: `${EM}/assignments`, permission: PERMISSIONS.emRead,
      handle: (ctx) => listResult(ctx, [...ctx.state.assignments.values()], emSpecs(ctx.state).assignment, ASSIGNMENTS) },
    { method: "GET", pattern: `${EM}/assignments/{id}`, permission: PERMISSIONS.emRead,
      handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.assignments, ctx.params.id), emSpecs(ctx.state).assignment, ASSIGNMENTS) },
    { method: "GET", pattern: `${EM}/assignmentRequests`, permission: PERMISSIONS.emRead,
      handle: (ctx) => listResult(ctx, [...ctx.state.assignmentRequests.values()], emSpecs(ctx.state).assignmentRequest, REQUESTS) },
    { method: "POST", pattern: `${EM}/assignmentRequests`, permission: PERMISSIONS.emWrite, handle: (ctx) => createRequest(ctx, lifecycle) },
    { method: "GET", pattern: `${EM}/assignmentRequests/{id}`, permission: PERMISSIONS.emRead,
      handle: (ctx) => entityResult(ctx, requireEntity(ctx.state.assignmentRequests, ctx.params.id), emSpecs(ctx.state).assignmentRequest, REQUESTS) },
    { method: "POST", pattern: `${EM}/assignmentRequests/{id}/cancel`, permission: PERMISSIONS.emWrite,
      handle: (ctx) => {
        const request = requireEntity(ctx.state.assignmentRequests, ctx.params.id);
        if (request.state !== "pendingApproval" && request.state !== "submitted") {
          throw badRequest(`Only pending requests can be canceled; this request is '${request.state}'.`);
        }
        Object.assign(request, { state: "canceled", status: "Canceled", completedDateTime: ctx.now(), autoDenyAt: null });
        return { status: 204 };
      } },
    { method: "GET", pattern: `${EM}/accessPackageAssignmentApprovals/{id}`, permission: PERMISSIONS.approvalRead,
      handle: (ctx) => entityResult(ctx, requireApproval(ctx), emSpecs(ctx.state).approval, APPROVALS) },
    { method: "GET", pattern: `${EM}/accessPackageAssignmentApprovals/{id}/stages`, permission: PERMISSIONS.approvalRead,
      handle: (ctx) => listResult(ctx, requireApproval(ctx).stages, emSpecs(ctx.state).stage, `${APPROVALS}('${ctx.params.id}')/stages`) },
    { method: "GET", pattern: `${EM}/accessPackageAssignmentApprovals/{id}/stages/{stageId}`, permission: PERMISSIONS.approvalRead,
      handle: (ctx) => {
        const stage = requireApproval(ctx).stages.find((s) => s.id === (ctx.params.stageId ?? "").toLowerCase());
        if (!stage) throw new GraphError(404, "ResourceNotFound", `Approval stage '${ctx.params.stageId}' was not found.`);
        return entityResult(ctx, stage, emSpecs(ctx.state).stage, `${APPROVALS}('${ctx.params.id}')/stages`);
      } },
    { method: "PATCH", pattern: `${EM}/accessPackageAssignmentApprovals/{id}/stages/{stageId}`, permission: PERMISSIONS.approvalWrite,
      handle: (ctx) => {
        const request = requireApproval(ctx);
        const stage = request.stages.find((s) => s.id === (ctx.params.stageId ?? "").toLowerCase());
        if (!stage) throw new GraphError(404, "ResourceNotFound", `Approval stage '${ctx.params.stageId}' was not found.`);
        validateBody(ctx.request.body, "approvalStage");
        const body = ctx.request.body as Json;
        if (body.reviewResult !== "Approve" && body.reviewResult !== "Deny") throw badRequest("reviewResult must be 'Approve' or 'Deny'.");
        if (stage.reviewResult !== "NotReviewed") throw new GraphError(409, "Conflict", "Another approver has already reviewed this stage.");
        lifecycle.decide({
          requestId: request.id, approverUserId: ctx.principal.oid ?? randomUUID(), decision: body.reviewResult,
          ...(typeof body.justification === "string" ? { justification: body.justification } : {}),
        });
        return { status: 204 };
      } },
  ];
}
