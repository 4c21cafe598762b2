import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { listAuditPage, streamAuditEvents } from "./audit";
import { parseAuditQuery, type AuditQuery } from "./audit-query";

type User = Awaited<ReturnType<typeof createWorkspaceUser>>;

async function customer(user: User, displayName: string): Promise<string> {
  const row = await db.customer.create({ data: { workspaceId: user.workspace.id, displayName, primaryDomain: uniqueDomain() }, select: { id: true } });
  return row.id;
}

async function events(user: User, rows: { actor?: string; action: string; target?: string; details?: object; at: Date }[]): Promise<void> {
  await db.auditEvent.createMany({
    data: rows.map((r) => ({ workspaceId: user.workspace.id, actor: r.actor ?? `user:${user.objectId}`, action: r.action, target: r.target ?? null, details: r.details ?? {}, at: r.at })),
  });
}

function query(params: Record<string, string>): AuditQuery {
  const parsed = parseAuditQuery(params);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.query;
}

describe("audit log pages", () => {
  it("reaches every event by cursor, older and newer, with the total, past the old 200-row cut-off", async () => {
    const admin = await createWorkspaceUser();
    const base = Date.parse("2026-11-01T00:00:00Z");
    // 230 events, many sharing one timestamp: ties must neither repeat nor skip rows.
    await events(admin, Array.from({ length: 230 }, (_, i) => ({ action: "consent.started", at: new Date(base + Math.floor(i / 7) * 1000), details: { n: i } })));

    const seen: string[] = [];
    let page = await listAuditPage(admin, {}, 50);
    expect(page.total).toBe(230);
    expect(page.newer).toBeNull();
    const pages = [page];
    while (page.older) {
      page = await listAuditPage(admin, { cursor: page.older, dir: "older" }, 50);
      pages.push(page);
    }
    for (const p of pages) seen.push(...p.events.map((e) => e.id));
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, 50, 50, 30]);
    expect(new Set(seen).size).toBe(230);
    const times = pages.flatMap((p) => p.events.map((e) => e.at.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The oldest event (the workspace's first) is reachable.
    expect(pages.at(-1)!.events.at(-1)!.at.getTime()).toBe(base);
    expect(new Set(pages.flatMap((p) => p.events.map((e) => (e.details as { n: number }).n)))).toContain(0);

    // Back from the last page to the first through `newer`.
    const back = await listAuditPage(admin, { cursor: pages[4]!.newer!, dir: "newer" }, 50);
    expect(back.events.map((e) => e.id)).toEqual(pages[3]!.events.map((e) => e.id));
    const first = await listAuditPage(admin, { cursor: pages[1]!.newer!, dir: "newer" }, 50);
    expect(first.events.map((e) => e.id)).toEqual(pages[0]!.events.map((e) => e.id));
    expect(first.newer).toBeNull();
  });

  it("filters by person, action, customer and days in the viewer's time zone, and counts the filtered set", async () => {
    const admin = await createWorkspaceUser();
    const other = await addUser(admin.workspace, "analyst");
    const contoso = await customer(admin, "Contoso");
    const fabrikam = await customer(admin, "Fabrikam");
    await events(admin, [
      { action: "invite.issued", target: `customer:${contoso}`, at: new Date("2026-11-10T10:00:00Z") },
      { action: "invite.revoked", target: `customer:${contoso}`, at: new Date("2026-11-11T23:30:00Z") },
      { action: "invite.issued", target: `customer:${fabrikam}`, at: new Date("2026-11-12T08:00:00Z") },
      { actor: `user:${other.objectId}`, action: "auth.sign_in", at: new Date("2026-11-12T09:00:00Z") },
    ]);
    const count = async (params: Record<string, string>) => (await listAuditPage(admin, query(params))).total;
    expect(await count({})).toBe(4);
    expect(await count({ actor: `user:${other.objectId}` })).toBe(1);
    expect(await count({ action: "invite.issued" })).toBe(2);
    expect(await count({ customer: contoso })).toBe(2);
    expect(await count({ customer: contoso, action: "invite.issued" })).toBe(1);
    expect(await count({ from: "2026-11-11", to: "2026-11-11" })).toBe(1);
    // 23:30 UTC on the 11th is the 12th in UTC+1 (getTimezoneOffset -60).
    expect(await count({ from: "2026-11-12", to: "2026-11-12", tz: "-60" })).toBe(3);
    expect(await count({ from: "2026-11-12" })).toBe(2);
  });

  it("searches the wording, the person's and the customer's names, and the details", async () => {
    const admin = await createWorkspaceUser();
    const contoso = await customer(admin, "Contoso Ltd");
    await events(admin, [
      { action: "invite.issued", target: `customer:${contoso}`, at: new Date("2026-11-10T10:00:00Z") },
      { actor: "anonymous", action: "auth.sign_in_refused", details: { name: "Eve Example", email: "eve@evil.example" }, at: new Date("2026-11-10T11:00:00Z") },
      { action: "consent.refused", details: { reason: "denied", errorDescription: "AADSTS65004: declined 100%" }, at: new Date("2026-11-10T12:00:00Z") },
    ]);
    const actions = async (q: string) => (await listAuditPage(admin, query({ q }))).events.map((e) => e.action);
    expect(await actions("consent link")).toEqual(["invite.issued"]);
    expect(await actions("contoso")).toEqual(["invite.issued"]);
    expect(await actions("eve@evil")).toEqual(["auth.sign_in_refused"]);
    expect(await actions("AADSTS65004")).toEqual(["consent.refused"]);
    expect(await actions("admin user")).toHaveLength(2);
    // LIKE wildcards in the text are literal.
    expect(await actions("100%")).toEqual(["consent.refused"]);
    expect(await actions("_")).toEqual(["auth.sign_in_refused"]);
    expect(await actions("zz_")).toEqual([]);
  });

  it("never shows another workspace's events, and needs audit:read", async () => {
    const alice = await createWorkspaceUser();
    const mallory = await createWorkspaceUser();
    const victim = await customer(mallory, "Victim");
    await events(mallory, [{ action: "invite.issued", target: `customer:${victim}`, at: new Date() }]);
    expect((await listAuditPage(alice, query({ customer: victim }))).total).toBe(0);
    expect((await listAuditPage(alice, query({ q: "Victim" }))).total).toBe(0);
    const analyst = await addUser(alice.workspace, "analyst");
    await expect(listAuditPage(analyst, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(streamAuditEvents(analyst, {}).next()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("streams the whole filtered set in batches, newest first", async () => {
    const admin = await createWorkspaceUser();
    const base = Date.parse("2026-10-01T00:00:00Z");
    await events(admin, Array.from({ length: 25 }, (_, i) => ({ action: i % 2 ? "invite.issued" : "invite.revoked", at: new Date(base + i * 1000) })));
    const batches: number[] = [];
    const ids: string[] = [];
    for await (const batch of streamAuditEvents(admin, query({ action: "invite.issued" }), 5)) {
      batches.push(batch.length);
      ids.push(...batch.map((e) => e.id));
    }
    expect(batches).toEqual([5, 5, 2]);
    expect(new Set(ids).size).toBe(12);
  });

  it("reports a bad filter by name and keeps the others", () => {
    const parsed = parseAuditQuery({ from: "2026-02-30", action: "invite.issued", customer: randomUUID() });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(["From: is not a real date"]);
    expect(parsed.query.action).toBe("invite.issued");
    expect(parsed.query.from).toBeUndefined();
    const reversed = parseAuditQuery({ from: "2026-11-12", to: "2026-11-10" });
    expect(reversed.ok ? [] : reversed.errors).toEqual(["To: The start date is after the end date."]);
  });
});
