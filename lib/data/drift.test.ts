import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import type { DriftReport } from "@/lib/provisioning/drift";
import { getFleetDriftView, latestDriftCheck, saveDriftCheck } from "./drift";

async function customer(workspaceId: string, displayName: string, status: "active" | "invited" = "active") {
  const { id } = await db.customer.create({
    data: { workspaceId, displayName, primaryDomain: uniqueDomain(), status, ...(status === "active" ? { tenantId: randomUUID() } : {}) },
    select: { id: true },
  });
  return id;
}

const report = (customerId: string, counts: DriftReport["counts"], checkedAt = new Date()): DriftReport => ({
  customerId, checkedAt, blueprintVersion: 1, status: counts.high + counts.medium + counts.low ? "drift" : "clean", items: [], counts, requests: 3, wallMs: 120,
});

describe("fleet drift view", () => {
  it("lists the workspace's customers worst first, counts them by worst severity, and never shows another workspace's", async () => {
    const { workspace } = await createWorkspaceUser("admin", "Drift MSSP");
    const { workspace: other } = await createWorkspaceUser("admin", "Other MSSP");
    const high = await customer(workspace.id, "Beta high");
    const medium = await customer(workspace.id, "Alpha medium");
    const clean = await customer(workspace.id, "Clean");
    const pending = await customer(workspace.id, "Pending", "invited");
    const foreign = await customer(other.id, "Foreign");
    await saveDriftCheck(workspace.id, report(high, { high: 1, medium: 2, low: 0 }), "schedule");
    await saveDriftCheck(workspace.id, report(medium, { high: 0, medium: 1, low: 3 }), "manual");
    await saveDriftCheck(workspace.id, report(clean, { high: 0, medium: 0, low: 0 }), "schedule");
    await saveDriftCheck(other.id, report(foreign, { high: 5, medium: 0, low: 0 }), "schedule");

    const view = await getFleetDriftView(workspace.id);
    expect(view.rows.map((r) => r.customerId)).toEqual([high, medium, clean, pending]);
    expect(view.bySeverity).toEqual({ high: 1, medium: 1, low: 0 });
    expect(view.rows[0]!.check).toMatchObject({ high: 1, medium: 2, requests: 3, checkedAt: expect.any(String) as unknown });
    expect(view.progress).toBeNull();
    // Another workspace's customer id reads nothing, even when asked for directly.
    expect(await latestDriftCheck(workspace.id, foreign)).toBeNull();
  });

  it("after Check all now, counts the checkable customers checked since it started", async () => {
    const { workspace } = await createWorkspaceUser("admin", "Progress MSSP");
    const first = await customer(workspace.id, "First");
    const second = await customer(workspace.id, "Second");
    await customer(workspace.id, "Not provisioned", "invited");
    const since = new Date();
    await saveDriftCheck(workspace.id, report(first, { high: 0, medium: 0, low: 0 }, new Date(since.getTime() - 60_000)), "schedule");
    expect((await getFleetDriftView(workspace.id, since)).progress).toEqual({ since: since.toISOString(), done: 0, total: 2 });
    await saveDriftCheck(workspace.id, report(first, { high: 0, medium: 0, low: 1 }, new Date(since.getTime() + 1000)), "manual");
    await saveDriftCheck(workspace.id, report(second, { high: 0, medium: 0, low: 0 }, new Date(since.getTime() + 2000)), "manual");
    expect((await getFleetDriftView(workspace.id, since)).progress).toMatchObject({ done: 2, total: 2 });
  });
});
