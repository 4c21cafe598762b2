import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { csvStream } from "@/lib/access/csv";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { getAccessMatrix, listUpcomingExpiries } from "./access-matrix";
import { listMyAccess, listPendingApprovals } from "./access-views";
import { getDashboardSummary } from "./dashboard";
import { expiryRows, EXPIRY_HEADER } from "./exports";
import { getPersonAccess } from "./person-access";

const now = new Date("2026-12-01T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

type Ws = Awaited<ReturnType<typeof createWorkspaceUser>>;

async function customer(ws: Ws, displayName: string) {
  return db.customer.create({
    data: { workspaceId: ws.workspace.id, displayName, primaryDomain: uniqueDomain(), status: "active", tenantId: randomUUID() },
    select: { id: true, primaryDomain: true, tenantId: true },
  });
}

async function assignment(ws: Ws, customerId: string, portalUserId: string | null, expiresAt: Date | null, extra: { state?: string; tier?: string; name?: string } = {}) {
  await db.syncedAssignment.create({
    data: {
      workspaceId: ws.workspace.id,
      customerId,
      graphId: randomUUID(),
      accessPackageId: randomUUID(),
      accessPackageName: `${extra.tier ?? "tier1"} package`,
      tier: extra.tier ?? "tier1",
      state: extra.state ?? "delivered",
      portalUserId,
      targetDisplayName: extra.name ?? "Guest",
      expiresAt,
    },
  });
}

async function request(ws: Ws, customerId: string, portalUserId: string | null, requestedAt: Date, state = "pendingApproval") {
  await db.syncedRequest.create({
    data: {
      workspaceId: ws.workspace.id,
      customerId,
      graphId: randomUUID(),
      accessPackageId: randomUUID(),
      accessPackageName: "Tier 1 Analyst",
      tier: "tier1",
      state,
      justification: "=cmd| on-call rotation",
      requestorName: "Requestor",
      portalUserId,
      requestedAt,
    },
  });
}

/** Two workspaces with the same shape; every reader of `a` must see nothing of `b`. */
async function twoWorkspaces() {
  const a = await createWorkspaceUser();
  const b = await createWorkspaceUser();
  const analystA = await addUser(a.workspace, "analyst");
  const analystB = await addUser(b.workspace, "analyst");
  const ca = await customer(a, "Contoso");
  const cb = await customer(b, "Fabrikam");
  await assignment(a, ca.id, analystA.id, inDays(5));
  await assignment(a, ca.id, null, inDays(40), { name: "Stranger" });
  await assignment(b, cb.id, analystB.id, inDays(6));
  await request(a, ca.id, analystA.id, inDays(-2));
  await request(a, ca.id, null, inDays(-5));
  await request(a, ca.id, analystA.id, inDays(-9), "denied");
  await request(b, cb.id, analystB.id, inDays(-20));
  return { a, b, analystA, analystB, ca, cb };
}

describe("access pages' readers", () => {
  it("list pending approvals of the workspace only, oldest first, with the My Access approvals link", async () => {
    const { a, ca } = await twoWorkspaces();
    const rows = await listPendingApprovals(a);
    expect(rows.map((r) => r.requestedAt)).toEqual([inDays(-5), inDays(-2)]);
    expect(rows.every((r) => r.customerId === ca.id)).toBe(true);
    expect(rows[0]?.approvalsUrl).toBe(`https://myaccess.microsoft.com/@${ca.primaryDomain}#/approvals`);
    await expect(listPendingApprovals(await addUser(a.workspace, "analyst"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("gives each person their own status per customer", async () => {
    const { analystA, analystB, ca } = await twoWorkspaces();
    const mine = await listMyAccess(analystA, now);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.customerId).toBe(ca.id);
    expect(mine[0]?.status).toEqual({ kind: "active", expiresAt: inDays(5), packageName: "tier1 package" });
    expect((await listMyAccess(analystB, now)).map((e) => e.displayName)).toEqual(["Fabrikam"]);
  });

  it("counts, filters and sorts expiries within the workspace", async () => {
    const { a } = await twoWorkspaces();
    const summary = await getDashboardSummary(a, now);
    expect(summary.counts).toEqual({ activeCustomers: 1, staffWithAccess: 1, pendingApprovals: 2, expiringIn30Days: 1 });
    expect(summary.chart.reduce((s, b) => s + b.count, 0)).toBe(2);
    expect((await listUpcomingExpiries(a, { windowDays: 7, sort: "expires", now })).map((e) => e.personName)).toHaveLength(1);
    const sixty = await listUpcomingExpiries(a, { windowDays: 60, sort: "person", now });
    expect(sixty.map((e) => e.personName)).toEqual([...sixty.map((e) => e.personName)].sort((x, y) => x.localeCompare(y)));
    expect(sixty).toHaveLength(2);
  });

  it("builds the matrix with unmatched guests listed apart, and a person's page only within the workspace", async () => {
    const { a, analystA, analystB } = await twoWorkspaces();
    const matrix = await getAccessMatrix(a, { now });
    expect(matrix.customers.map((c) => c.displayName)).toEqual(["Contoso"]);
    expect(matrix.people.find((p) => p.id === analystA.id)?.cells).toEqual({ [matrix.customers[0]!.id]: { tier: "tier1", expiresAt: inDays(5) } });
    expect(matrix.people.some((p) => p.id === analystB.id)).toBe(false);
    expect(matrix.unmatched.map((u) => u.name)).toEqual(["Stranger"]);
    const person = await getPersonAccess(a, analystA.id);
    expect(person.history.map((h) => h.state)).toEqual(["pendingApproval", "denied"]);
    await expect(getPersonAccess(a, analystB.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccessMatrix(analystA)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("streams the expiry CSV of the workspace only", async () => {
    const { a } = await twoWorkspaces();
    const bytes = await new Response(csvStream(EXPIRY_HEADER, expiryRows(a, 90, now))).arrayBuffer();
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("Contoso");
    expect(lines.join("\n")).not.toContain("Fabrikam");
  });
});
