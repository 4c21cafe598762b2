import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { getProvisioningView, nextUnfinishedRun } from "./provisioning";
import { deriveResultKey, signResult } from "@/lib/onboarding/result-token";
import { getSetupProgress, verifyByResultToken } from "./setup-progress";

// The result token is signed with AUTH_SECRET, which lib/env reads when it is first imported.
vi.hoisted(() => {
  process.env.AUTH_SECRET = "integration-test-secret-that-is-long-enough";
});

async function consentedCustomer(workspaceId: string, displayName = "Contoso") {
  return db.customer.create({
    data: { workspaceId, displayName, primaryDomain: uniqueDomain(), status: "provisioning", tenantId: randomUUID(), tenantName: `${displayName} Ltd` },
    select: { id: true, primaryDomain: true },
  });
}

async function runWithSteps(workspaceId: string, customerId: string, status: "queued" | "running" | "succeeded" = "running") {
  const run = await db.provisioningRun.create({
    data: { workspaceId, customerId, blueprintVersion: 0, trigger: "consent", status, stepsTotal: 3, stepsDone: 2 },
    select: { id: true },
  });
  const steps = [
    { key: "group:tier1", kind: "group", title: "Create group Tier 1 Analyst", status: "succeeded" as const, requestIds: ["req-1"] },
    { key: "connectedOrganization", kind: "connectedOrganization", title: "Create connected organization Northwind MSSP", status: "succeeded" as const, requestIds: [] },
    { key: "catalog", kind: "catalog", title: "Create catalog MSSP Accesses", status: "failed" as const, requestIds: ["req-3"] },
  ];
  for (const [position, s] of steps.entries()) {
    await db.provisioningStep.create({
      data: { runId: run.id, position, action: "create", reason: "not in the tenant yet", ...s, ...(s.status === "failed" ? { errorCode: "Throttled", errorMessage: "Microsoft asked Gatehouse to slow down." } : {}) },
    });
  }
  return run.id;
}

describe("provisioning view", () => {
  it("shows the latest run with its steps, errors and request ids, and the package links", async () => {
    const admin = await createWorkspaceUser();
    const analyst = await addUser(admin.workspace, "analyst");
    const customer = await consentedCustomer(admin.workspace.id);
    const runId = await runWithSteps(admin.workspace.id, customer.id);
    await db.tenantObject.create({
      data: { workspaceId: admin.workspace.id, customerId: customer.id, key: "package:tier1", kind: "accessPackage", graphId: "p-1", displayName: "Tier 1 Analyst" },
    });
    // Analysts have no customers:read: the customer page and its route are closed to them.
    await expect(getProvisioningView(analyst, customer.id)).rejects.toThrow();
    const view = await getProvisioningView(admin, customer.id);
    expect(view.run?.id).toBe(runId);
    expect(view.run?.steps.map((s) => s.key)).toEqual(["group:tier1", "connectedOrganization", "catalog"]);
    expect(view.run?.steps[2]).toMatchObject({ status: "failed", errorMessage: "Microsoft asked Gatehouse to slow down.", requestIds: ["req-3"] });
    expect(view.packages).toEqual([
      { key: "package:tier1", displayName: "Tier 1 Analyst", url: `https://myaccess.microsoft.com/@${customer.primaryDomain}#/access-packages/p-1` },
    ]);
  });

  it("is not found for another workspace's customer or a malformed id", async () => {
    const admin = await createWorkspaceUser();
    const other = await createWorkspaceUser();
    const theirs = await consentedCustomer(other.workspace.id);
    await runWithSteps(other.workspace.id, theirs.id);
    await expect(getProvisioningView(admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProvisioningView(admin, "not-a-guid")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("gives the worker the oldest unfinished run of the customer, within its workspace", async () => {
    const admin = await createWorkspaceUser();
    const customer = await consentedCustomer(admin.workspace.id);
    await runWithSteps(admin.workspace.id, customer.id, "succeeded");
    const open = await runWithSteps(admin.workspace.id, customer.id, "queued");
    expect(await nextUnfinishedRun({ workspaceId: admin.workspace.id, customerId: customer.id })).toBe(open);
    expect(await nextUnfinishedRun({ workspaceId: randomUUID(), customerId: customer.id })).toBeNull();
  });
});

describe("public setup progress", () => {
  it("shows counts and what was created, naming neither the customer nor the MSSP", async () => {
    const admin = await createWorkspaceUser("admin", "Northwind MSSP");
    const customer = await consentedCustomer(admin.workspace.id, "Contoso");
    await runWithSteps(admin.workspace.id, customer.id);
    const progress = await getSetupProgress({ workspaceId: admin.workspace.id, customerId: customer.id });
    expect(progress).toEqual({
      state: "running",
      done: 2,
      total: 3,
      created: ["Create group Tier 1 Analyst", "Connected organization for your security provider"],
    });
    const text = JSON.stringify(progress);
    for (const secret of ["Northwind", "Contoso", customer.primaryDomain, "Throttled", "req-"]) expect(text).not.toContain(secret);
  });

  it("is reachable only through a genuine result token of a granted consent", async () => {
    const admin = await createWorkspaceUser();
    const customer = await consentedCustomer(admin.workspace.id);
    const invite = await db.consentInvite.create({
      data: { workspaceId: admin.workspace.id, customerId: customer.id, tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
      select: { id: true },
    });
    const key = deriveResultKey("integration-test-secret-that-is-long-enough");
    const token = (outcome: "granted" | "denied", at = new Date()) => signResult({ outcome, inviteId: invite.id }, key, at);
    const subject = { workspaceId: admin.workspace.id, customerId: customer.id };
    expect(await verifyByResultToken(new URLSearchParams({ r: token("granted") }))).toEqual(subject);
    // Past its 30 minutes of names, the token still shows a progress that names no one.
    expect(await verifyByResultToken(new URLSearchParams({ r: token("granted", new Date(Date.now() - 3_600_000)) }))).toEqual(subject);
    expect(await verifyByResultToken(new URLSearchParams({ r: token("denied") }))).toBeNull();
    expect(await verifyByResultToken(new URLSearchParams({ r: `${token("granted")}x` }))).toBeNull();
    expect(await verifyByResultToken(new URLSearchParams({ invite: invite.id }))).toBeNull();
    const forged = signResult({ outcome: "granted", inviteId: invite.id }, deriveResultKey("another-secret-that-is-long-enough-000"), new Date());
    expect(await verifyByResultToken(new URLSearchParams({ r: forged }))).toBeNull();
  });
});
