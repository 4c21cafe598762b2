import { describe, expect, it } from "vitest";
import { GraphError } from "../errors.ts";
import { validateBody } from "./validate.ts";

const rejects = (body: unknown, type: string, message: RegExp) => {
  try {
    validateBody(body, type);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(400);
    expect((error as GraphError).message).toMatch(message);
    return;
  }
  throw new Error("expected a 400");
};

describe("request body validation", () => {
  it("accepts the documented tier policy shape", () => {
    expect(() => validateBody({
      displayName: "p", allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: "x", description: "d" }],
      expiration: { type: "afterDuration", duration: "P365D" },
      requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ durationBeforeAutomaticDenial: "P14D", primaryApprovers: [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: "g" }] }] },
      reviewSettings: { isEnabled: true, expirationBehavior: "removeAccess", schedule: { startDateTime: "2026-10-01T00:00:00Z", recurrence: { pattern: { type: "absoluteMonthly", interval: 12 }, range: { type: "noEnd" } } } },
      accessPackage: { id: "pkg" },
    }, "accessPackageAssignmentPolicy")).not.toThrow();
  });

  it.each([
    [{ displayName: "g", colour: "red" }, "group", /property 'colour' does not exist on type 'microsoft.graph.group'/],
    [{ allowedTargetScope: "everyone" }, "accessPackageAssignmentPolicy", /'allowedTargetScope'.*allowedTargetScope/],
    [{ expiration: { type: "afterDuration", duration: "365 days" } }, "accessPackageAssignmentPolicy", /expiration.duration.*Edm.Duration/],
    [{ specificAllowedTargets: [{ connectedOrganizationId: "x" }] }, "accessPackageAssignmentPolicy", /abstract type 'microsoft.graph.subjectSet'/],
    [{ specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.group" }] }, "accessPackageAssignmentPolicy", /could not be resolved/],
    [{ identitySources: [{ "@odata.type": "#microsoft.graph.azureActiveDirectoryTenant", tenantId: "t", domain: "x" }] }, "connectedOrganization", /'domain' does not exist on type 'microsoft.graph.azureActiveDirectoryTenant'/],
    [{ isExternallyVisible: "yes" }, "accessPackageCatalog", /isExternallyVisible.*Edm.Boolean/],
    [{ requestApprovalSettings: { stages: [{ approverInformationVisibility: "loud" }] } }, "accessPackageAssignmentPolicy", /requestApprovalSettings.stages\[0\].approverInformationVisibility/],
    ["not an object", "group", /JSON content expected/],
  ])("rejects %j", (body, type, message) => rejects(body, type, message));

  it("allows OData annotations such as members@odata.bind", () => {
    expect(() => validateBody({ displayName: "g", "members@odata.bind": ["https://graph.microsoft.com/v1.0/users/1"] }, "group")).not.toThrow();
  });
});
