import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { weeklyExpiryBuckets } from "@/lib/access/urgency";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { accessMatrix, approvalCursorParam, csvStream, dashboardCounts, dashboardView, EXPIRY_CSV_HEADER, expiriesCsv, expiriesPerWeek, myAccess, parseApprovalCursor, pendingApprovals, personAccess, upcomingExpiries } from "./index";

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

async function csvText(body: ReadableStream<Uint8Array>): Promise<string[]> {
  return new TextDecoder().decode(await new Response(body).arrayBuffer()).trim().split("\r\n");
}

describe("access readers", () => {
  it("list pending approvals of the workspace only, oldest first, with their age and the My Access approvals link", async () => {
    const { a, ca } = await twoWorkspaces();
    const { rows, total } = await pendingApprovals(a, { now });
    expect(total).toBe(2);
    expect(rows.map((r) => r.requestedAt)).toEqual([inDays(-5), inDays(-2)]);
    expect(rows.map((r) => r.ageDays)).toEqual([5, 2]);
    expect(rows.every((r) => r.customerId === ca.id)).toBe(true);
    expect(rows[0]?.approveUrl).toBe(`https://myaccess.microsoft.com/@${ca.primaryDomain}#/approvals`);
    await expect(pendingApprovals(await addUser(a.workspace, "analyst"))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("pages the approvals queue oldest first by keyset, both ways, with the total and each page's position", async () => {
    const a = await createWorkspaceUser();
    const c = await customer(a, "Contoso");
    // Ties on requestedAt, so the id decides part of the order; decided requests never show.
    await db.syncedRequest.createMany({
      data: Array.from({ length: 260 }, (_, i) => ({
        workspaceId: a.workspace.id, customerId: c.id, graphId: randomUUID(), accessPackageId: "p", accessPackageName: "Tier 1", state: i >= 250 ? "denied" : i % 2 ? "submitted" : "pendingApproval", requestedAt: inDays(-(i % 40)),
      })),
    });
    const pending = await db.syncedRequest.findMany({ where: { customerId: c.id, state: { in: ["pendingApproval", "submitted"] } }, orderBy: [{ requestedAt: "asc" }, { id: "asc" }], select: { id: true } });
    const first = await pendingApprovals(a, { now });
    const second = await pendingApprovals(a, { now, after: first.next });
    const third = await pendingApprovals(a, { now, after: second.next });
    expect([first, second, third].map((p) => [p.rows.length, p.before, p.total, !!p.previous, !!p.next])).toEqual([[100, 0, 250, false, true], [100, 100, 250, true, true], [50, 200, 250, true, false]]);
    expect([first, second, third].flatMap((p) => p.rows.map((r) => r.requestId))).toEqual(pending.map((r) => r.id));
    const back = await pendingApprovals(a, { now, before: third.previous });
    expect([back.rows.map((r) => r.requestId), back.before, !!back.previous, !!back.next]).toEqual([second.rows.map((r) => r.requestId), 100, true, true]);
    // A link survives as a string; a forged one starts at the oldest; a page whose rows were all decided does too.
    expect(parseApprovalCursor(approvalCursorParam(second.next!))).toEqual(second.next);
    expect(["", "2026-01-01", "nope_x", `2026-13-45_${randomUUID()}`, ["a"]].map(parseApprovalCursor)).toEqual([null, null, null, null, null]);
    const gone = await pendingApprovals(a, { now, after: { requestedAt: inDays(1), id: randomUUID() } });
    expect([gone.rows[0]?.requestId, gone.before]).toEqual([pending[0]!.id, 0]);
  });

  it("gives each person their own status per customer", async () => {
    const { analystA, analystB, ca } = await twoWorkspaces();
    const mine = await myAccess(analystA, now);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.customerId).toBe(ca.id);
    expect(mine[0]?.status).toEqual({ kind: "active", expiresAt: inDays(5), packageName: "tier1 package" });
    expect((await myAccess(analystB, now)).map((e) => e.displayName)).toEqual(["Fabrikam"]);
  });

  it("counts, filters and sorts expiries within the workspace", async () => {
    const { a } = await twoWorkspaces();
    expect(await dashboardCounts(a, now)).toEqual({ activeCustomers: 1, staffWithAccess: 1, pendingApprovals: 2, expiringIn30Days: 1 });
    expect((await expiriesPerWeek(a, now)).reduce((s, b) => s + b.count, 0)).toBe(2);
    expect((await upcomingExpiries(a, { withinDays: 7, sort: "expires" }, now)).rows.map((e) => e.personName)).toHaveLength(1);
    const sixty = (await upcomingExpiries(a, { withinDays: 60, sort: "person" }, now)).rows;
    expect(sixty.map((e) => e.personName)).toEqual([...sixty.map((e) => e.personName)].sort((x, y) => x.localeCompare(y)));
    expect(sixty).toHaveLength(2);
  });

  it("sorts expiries by customer, tier and person as people read them, and pages them", async () => {
    const a = await createWorkspaceUser();
    const zed = await customer(a, "zeta Corp");
    const alpha = await customer(a, "Alpha Ltd");
    await assignment(a, zed.id, null, inDays(1), { tier: "tier2", name: "bob" });
    await assignment(a, alpha.id, null, inDays(2), { tier: "approvers", name: "Carol" });
    await assignment(a, zed.id, null, inDays(3), { tier: "tier1", name: "alice" });
    const order = async (sort: "expires" | "customer" | "tier" | "person") => (await upcomingExpiries(a, { withinDays: 7, sort }, now)).rows.map((r) => r.personName);
    expect(await order("expires")).toEqual(["bob", "Carol", "alice"]);
    expect(await order("customer")).toEqual(["Carol", "bob", "alice"]);
    expect(await order("tier")).toEqual(["Carol", "alice", "bob"]);
    expect(await order("person")).toEqual(["alice", "bob", "Carol"]);
    const second = await upcomingExpiries(a, { withinDays: 7, sort: "person", limit: 1, offset: 1 }, now);
    expect([second.rows.map((r) => r.personName), second.total]).toEqual([["bob"], 3]);
  });

  it("charts expiries per week in SQL exactly as the pure rule buckets them", async () => {
    const a = await createWorkspaceUser();
    const c = await customer(a, "Contoso");
    const ends = [inDays(0.5), inDays(7), inDays(7.1), inDays(90), inDays(-1), inDays(91)];
    for (const end of ends) await assignment(a, c.id, null, end);
    const weeks = await expiriesPerWeek(a, now);
    expect(weeks).toEqual(weeklyExpiryBuckets(ends, now));
    expect(weeks.map((w) => w.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("builds the matrix page with unmatched guests listed apart, and a person's page only within the workspace", async () => {
    const { a, analystA, analystB } = await twoWorkspaces();
    const matrix = await accessMatrix(a, {}, now);
    expect(matrix.customers.map((c) => c.displayName)).toEqual(["Contoso"]);
    expect(matrix.cells.filter((c) => c.portalUserId === analystA.id).map(({ customerId, tiers, expiresAt, urgency }) => ({ customerId, tiers, expiresAt, urgency }))).toEqual([
      { customerId: matrix.customers[0]!.id, tiers: ["tier1"], expiresAt: inDays(5), urgency: "critical" },
    ]);
    expect(matrix.staff.some((p) => p.id === analystB.id)).toBe(false);
    expect(matrix.unmatched.map((u) => u.targetName)).toEqual(["Stranger"]);
    const person = await personAccess(a, analystA.id, now);
    expect(person.history.filter((h) => h.kind === "request").map((h) => h.state)).toEqual(["pendingApproval", "denied"]);
    expect(person.current.map((c) => c.daysLeft)).toEqual([5]);
    await expect(personAccess(a, analystB.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(personAccess(a, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(accessMatrix(analystA)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("filters, searches and pages the matrix in the database", async () => {
    const { a, analystA, ca } = await twoWorkspaces();
    const idle = await addUser(a.workspace, "approver");
    const later = await addUser(a.workspace, "approver");
    await assignment(a, ca.id, later.id, inDays(45));
    const staffOf = async (query: Parameters<typeof accessMatrix>[1]) => (await accessMatrix(a, query, now)).staff.map((s) => s.id).sort();
    expect(await staffOf({ filter: "with-access" })).toEqual([analystA.id, later.id].sort());
    expect(await staffOf({ filter: "expiring" })).toEqual([analystA.id]);
    expect(await staffOf({})).toContain(idle.id);
    // A search for the customer keeps the staff with access there, and only that column.
    const byCustomer = await accessMatrix(a, { search: "contoso" }, now);
    expect(byCustomer.staff.map((s) => s.id).sort()).toEqual([analystA.id, later.id].sort());
    expect(byCustomer.customers.map((c) => c.id)).toEqual([ca.id]);
    const page = await accessMatrix(a, { limit: 1, offset: 1 }, now);
    expect([page.staff.length, page.totalStaff]).toEqual([1, 4]);
  });

  it("takes % and _ in a search literally, and survives SQL-ish, long and hostile paging input", async () => {
    const { a, ca } = await twoWorkspaces();
    const percent = await addUser(a.workspace, "approver");
    await db.portalUser.update({ where: { id: percent.id }, data: { name: "100% on call" } });
    await assignment(a, ca.id, null, inDays(20), { name: "Guest_1" });
    const staffOf = async (search: string) => (await accessMatrix(a, { search }, now)).staff.map((s) => s.id);
    expect(await staffOf("%")).toEqual([percent.id]);
    expect(await staffOf("_")).toEqual([]);
    expect((await accessMatrix(a, { search: "_" }, now)).unmatched.map((u) => u.targetName)).toEqual(["Guest_1"]);
    expect(await staffOf("' OR 1=1 --")).toEqual([]);
    expect(await staffOf("\\")).toEqual([]);
    expect(await staffOf("x".repeat(5000))).toEqual([]);
    const hostile = await accessMatrix(a, { limit: -5, offset: -10, customerLimit: 1e9, customerOffset: Number.NaN }, now);
    expect(hostile.staff.length).toBe(1);
  });

  it("streams the expiry CSV of the workspace only, formulas defused", async () => {
    const { a } = await twoWorkspaces();
    const lines = await csvText(csvStream(EXPIRY_CSV_HEADER, expiriesCsv(a, 90, "expires", now)));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("Contoso");
    expect(lines.join("\n")).not.toContain("Fabrikam");
    const analyst = await addUser(a.workspace, "analyst");
    expect(() => expiriesCsv(analyst, 90)).toThrow(ForbiddenError);
  });

  it("streams a sorted expiry CSV across keyset batches in the page's order, without a gap or a repeat", async () => {
    const a = await createWorkspaceUser();
    const c = await customer(a, "Contoso");
    await db.syncedAssignment.createMany({
      data: Array.from({ length: 2101 }, (_, i) => ({
        workspaceId: a.workspace.id, customerId: c.id, graphId: randomUUID(), accessPackageId: "p", accessPackageName: "Tier 1", tier: "tier1", state: "delivered",
        // Few distinct names and ends, so the tie-breakers decide most of the order.
        targetDisplayName: `Guest ${i % 7}`, expiresAt: inDays(1 + (i % 5)),
      })),
    });
    const csv = (await csvText(csvStream(EXPIRY_CSV_HEADER, expiriesCsv(a, 7, "person", now)))).slice(1).map((l) => `${l.split(",")[1]} ${l.split(",")[6]}`);
    const pages = await Promise.all([0, 1000, 2000].map((offset) => upcomingExpiries(a, { withinDays: 7, sort: "person", limit: 1000, offset }, now)));
    const expected = pages.flatMap((p) => p.rows).map((r) => `${r.personName} ${r.expiresAt.toISOString()}`);
    expect(csv).toHaveLength(2101);
    expect(csv).toEqual(expected);
  });

  it("orders by customer and by person (staff by portal name, guests by Graph's) exactly as a plain sort, in pages and keyset batches", async () => {
    const [a, b] = await Promise.all([createWorkspaceUser(), createWorkspaceUser()]);
    const customers = await Promise.all(["zeta Corp", "Alpha Ltd", "beta"].map((name) => customer(a, name)));
    const names = new Map(customers.map((c, i) => [c.id, ["zeta Corp", "Alpha Ltd", "beta"][i]!]));
    const staff = await Promise.all(["bob", "Dora", "alice"].map((name) => db.portalUser.create({ data: { workspaceId: a.workspace.id, objectId: randomUUID(), tenantId: randomUUID(), name, email: `${name}@mssp.example`, role: "analyst" }, select: { id: true, name: true } })));
    const guests = ["Bob", "carol", "Erin"];
    // The other workspace has a look-alike customer and staff member: none of theirs may show.
    const other = await customer(b, "Alpha Ltd");
    await assignment(b, other.id, (await addUser(b.workspace, "analyst")).id, inDays(2), { name: "alice" });
    await db.syncedAssignment.createMany({
      data: Array.from({ length: 2101 }, (_, i) => {
        const who = i % 6;
        return {
          workspaceId: a.workspace.id, customerId: customers[i % 3]!.id, graphId: randomUUID(), accessPackageId: "p", accessPackageName: "Tier 1", tier: "tier1", state: i % 11 === 0 ? "expired" : "delivered",
          // A matched staff member sorts by the portal's name, never by what the tenant calls the guest.
          portalUserId: who < 3 ? staff[who]!.id : null, targetDisplayName: who < 3 ? "zz target" : guests[who - 3]!, expiresAt: inDays(1 + (i % 5)),
        };
      }),
    });
    const rows = await db.syncedAssignment.findMany({ where: { customerId: { in: customers.map((c) => c.id) }, state: "delivered" }, select: { id: true, customerId: true, portalUserId: true, targetDisplayName: true, expiresAt: true } });
    const staffName = new Map(staff.map((s) => [s.id, s.name]));
    const person = (r: (typeof rows)[number]) => (r.portalUserId ? staffName.get(r.portalUserId)! : r.targetDisplayName!);
    for (const [sort, key] of [["person", person], ["customer", (r: (typeof rows)[number]) => names.get(r.customerId)!]] as const) {
      const expected = [...rows].sort((x, y) => {
        const [kx, ky] = [key(x).toLowerCase(), key(y).toLowerCase()];
        return kx !== ky ? (kx < ky ? -1 : 1) : x.expiresAt!.getTime() - y.expiresAt!.getTime() || (x.id < y.id ? -1 : 1);
      });
      const pages = await Promise.all([0, 1000, 2000].map((offset) => upcomingExpiries(a, { withinDays: 7, sort, limit: 1000, offset }, now)));
      expect(pages[0]!.total).toBe(expected.length);
      expect(pages.flatMap((p) => p.rows).map((r) => [r.assignmentId, r.personName])).toEqual(expected.map((r) => [r.id, person(r)]));
      const csv = (await csvText(csvStream(EXPIRY_CSV_HEADER, expiriesCsv(a, 7, sort, now)))).slice(1).map((l) => l.split(",").slice(0, 2).join(","));
      expect(csv).toEqual(expected.map((r) => `${names.get(r.customerId)},${person(r)}`));
    }
  });

  it("gives the dashboard's expiry list the same total in every window as the list's own count", async () => {
    const a = await createWorkspaceUser();
    const c = await customer(a, "Contoso");
    for (const days of [0.5, 7, 7.1, 30, 30.2, 59, 60, 89.9, 90, 90.1, -1]) await assignment(a, c.id, null, inDays(days));
    for (const withinDays of [7, 30, 60, 90] as const) {
      const view = await dashboardView(a, { withinDays, sort: "expires", now });
      expect([withinDays, view.expiries.total]).toEqual([withinDays, (await upcomingExpiries(a, { withinDays }, now)).total]);
    }
    expect((await dashboardView(a, { withinDays: 90, sort: "expires", now })).expiries.total).toBe(9);
  });

  it("gives the dashboard its data as JSON, with the sync progress", async () => {
    const { a } = await twoWorkspaces();
    const view = await dashboardView(a, { withinDays: 30, sort: "expires", since: inDays(-1), now });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view.approvals.rows.map((r) => r.ageDays)).toEqual([5, 2]);
    expect(view.expiries.total).toBe(1);
    expect(view.progress).toEqual({ since: inDays(-1).toISOString(), done: 0, total: 1 });
    await expect(dashboardView(await addUser(a.workspace, "analyst"), { withinDays: 30, sort: "expires" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
