// Repeated identical refusals against the real database: one row with a count, and the audit
// trigger still refuses every other change.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspaceUser } from "@/lib/testing/fixtures";
import { recordAudit, recordRepeatableRefusal } from "./record";

const replay = (workspaceId: string, target: string) => ({
  workspaceId,
  actor: "customer-admin",
  action: "consent.refused",
  target,
  details: { reason: "state-replayed", inviteId: "b7d3c1e0-5f0a-4c1e-9a7e-0d6d3f1b2a11", claimedTenant: null },
});

const rowsFor = (workspaceId: string) =>
  db.auditEvent.findMany({
    where: { workspaceId },
    orderBy: { at: "asc" },
    select: { id: true, action: true, repeatCount: true, at: true, lastAt: true, details: true },
  });

describe("recordRepeatableRefusal", () => {
  it("records 400 replays of a spent state as one event with count 400 and first/last time", async () => {
    const { workspace } = await createWorkspaceUser();
    const target = `customer:${randomUUID()}`;
    const first = new Date(Date.UTC(2026, 11, 1, 5, 0, 1));
    const last = new Date(Date.UTC(2026, 11, 1, 5, 0, 3, 500));
    await recordRepeatableRefusal(replay(workspace.id, target), first);
    // Concurrent, as a flood arrives: the count must not lose any.
    await Promise.all(Array.from({ length: 398 }, (_, i) => recordRepeatableRefusal(replay(workspace.id, target), new Date(first.getTime() + 1 + i * 6))));
    await recordRepeatableRefusal(replay(workspace.id, target), last);

    const rows = await rowsFor(workspace.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ repeatCount: 400, at: first, lastAt: last, details: replay(workspace.id, target).details });
  });

  it("keeps refusals that differ, and the same refusal an hour later, apart", async () => {
    const { workspace } = await createWorkspaceUser();
    const target = `customer:${randomUUID()}`;
    const at = new Date(Date.UTC(2026, 11, 1, 5, 10));
    await recordRepeatableRefusal(replay(workspace.id, target), at);
    await recordRepeatableRefusal({ ...replay(workspace.id, target), details: { reason: "state-replayed", claimedTenant: "x" } }, at);
    await recordRepeatableRefusal(replay(workspace.id, `customer:${randomUUID()}`), at);
    await recordRepeatableRefusal(replay(workspace.id, target), new Date(at.getTime() + 60 * 60 * 1000));
    expect((await rowsFor(workspace.id)).map((r) => r.repeatCount)).toEqual([1, 1, 1, 1]);
  });

  it("leaves the trail append-only: only a collapsible row's count and last time may grow", async () => {
    const { workspace } = await createWorkspaceUser();
    await recordRepeatableRefusal(replay(workspace.id, "customer:x"), new Date(Date.UTC(2026, 11, 1, 5, 20)));
    await recordAudit({ workspaceId: workspace.id, actor: "system", action: "customer.created" });
    const rows = await rowsFor(workspace.id);
    const collapsible = rows.find((r) => r.action === "consent.refused");
    const plain = rows.find((r) => r.action === "customer.created");

    const refused = [
      db.$executeRaw`UPDATE "AuditEvent" SET "details" = '{"reason":"granted"}' WHERE "id" = ${collapsible!.id}::uuid`,
      db.$executeRaw`UPDATE "AuditEvent" SET "repeatCount" = 0 WHERE "id" = ${collapsible!.id}::uuid`,
      db.$executeRaw`UPDATE "AuditEvent" SET "repeatCount" = 5, "lastAt" = "lastAt" - interval '1 day' WHERE "id" = ${collapsible!.id}::uuid`,
      db.$executeRaw`UPDATE "AuditEvent" SET "repeatCount" = 5, "actor" = 'user:someone' WHERE "id" = ${collapsible!.id}::uuid`,
      db.$executeRaw`UPDATE "AuditEvent" SET "repeatCount" = 2 WHERE "id" = ${plain!.id}::uuid`,
      db.$executeRaw`UPDATE "AuditEvent" SET "repeatKey" = 'k', "repeatCount" = 2 WHERE "id" = ${plain!.id}::uuid`,
      db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${collapsible!.id}::uuid`,
    ];
    for (const attempt of refused) await expect(attempt).rejects.toThrow(/append-only/);
    expect((await rowsFor(workspace.id)).map((r) => r.repeatCount)).toEqual([1, 1]);
    // The one change allowed, as recordRepeatableRefusal makes it.
    await db.$executeRaw`UPDATE "AuditEvent" SET "repeatCount" = 2, "lastAt" = "lastAt" + interval '1 second' WHERE "id" = ${collapsible!.id}::uuid`;
    expect((await rowsFor(workspace.id)).find((r) => r.id === collapsible!.id)?.repeatCount).toBe(2);
  });
});
