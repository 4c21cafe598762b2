// The customer page's consent banner against the real database: a flood of replays and other
// events on the customer cannot push the latest real attempt out of it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAudit, recordRepeatableRefusal } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { latestConsentProblem } from "@/lib/onboarding/consent-history";
import { addUser, createWorkspaceUser } from "@/lib/testing/fixtures";
import { listConsentAttempts } from "./consent-attempts";

describe("listConsentAttempts", () => {
  it("finds the failed attempt under 205 replays (each different) and 300 other events", async () => {
    const admin = await createWorkspaceUser();
    const customerId = randomUUID();
    const target = `customer:${customerId}`;
    const base = { workspaceId: admin.workspace.id, actor: "customer-admin", target };
    await recordAudit({ ...base, action: "consent.granted", details: { inviteId: randomUUID() } });
    await recordAudit({ ...base, action: "consent.refused", details: { reason: "denied", reportedByRedirect: "declined" } });
    await Promise.all(
      Array.from({ length: 205 }, (_, i) =>
        recordRepeatableRefusal({ ...base, action: "consent.refused", details: { reason: i % 2 ? "state-replayed" : "invalid-state", claimedTenant: `t${i}` } }),
      ),
    );
    await db.auditEvent.createMany({
      data: Array.from({ length: 300 }, () => ({ ...base, actor: "system", action: "provisioning.step", details: {} })),
    });

    const attempts = await listConsentAttempts(admin, customerId);
    expect(attempts.map((a) => a.action)).toEqual(["consent.refused", "consent.granted"]);
    expect(latestConsentProblem(attempts)).toMatchObject({ outcome: "denied", reportedByRedirect: "declined" });
  });

  it("orders collapsed attempts by their last occurrence", async () => {
    const admin = await createWorkspaceUser();
    const customerId = randomUUID();
    const base = { workspaceId: admin.workspace.id, actor: "customer-admin", target: `customer:${customerId}`, action: "consent.refused" };
    const t = (minute: number) => new Date(Date.UTC(2026, 11, 1, 7, minute));
    await recordRepeatableRefusal({ ...base, details: { reason: "denied" } }, t(1));
    await recordAudit({ ...base, action: "consent.granted", details: {} });
    // The same refusal again after the grant: the newest attempt failed.
    await recordRepeatableRefusal({ ...base, details: { reason: "denied" } }, new Date(Date.now() + 1000));
    expect(latestConsentProblem(await listConsentAttempts(admin, customerId))).toMatchObject({ outcome: "denied" });
  });

  it("stays inside the workspace and needs audit:read", async () => {
    const admin = await createWorkspaceUser();
    const other = await createWorkspaceUser();
    const customerId = randomUUID();
    await recordAudit({ workspaceId: admin.workspace.id, actor: "customer-admin", action: "consent.refused", target: `customer:${customerId}`, details: { reason: "denied" } });
    expect(await listConsentAttempts(other, customerId)).toEqual([]);
    const analyst = await addUser(admin.workspace, "analyst");
    await expect(listConsentAttempts(analyst, customerId)).rejects.toThrow();
  });
});
