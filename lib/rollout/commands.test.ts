// Rollout commands fired at once, as impatient admins (or a forged request) would: whatever
// order the database serialises them in, the rollout ends in one consistent state, every
// change is audited once, and another workspace's id reaches nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { db as Db } from "@/lib/db";
import type * as Commands from "./commands";

let db: typeof Db;
let commands: typeof Commands;

beforeAll(async () => {
  db = (await import("@/lib/db")).db;
  commands = await import("./commands");
});
afterAll(async () => {
  await (await import("@/lib/jobs/queue")).stopProducer();
});

async function workspaceWithCustomers(n: number) {
  const { createWorkspaceUser, uniqueDomain } = await import("@/lib/testing/fixtures");
  const admin = await createWorkspaceUser();
  await db.customer.createMany({ data: Array.from({ length: n }, () => ({ workspaceId: admin.workspace.id, displayName: uniqueDomain(), primaryDomain: uniqueDomain(), status: "active" as const, tenantId: randomUUID() })) });
  return { workspaceId: admin.workspace.id, actor: `user:${admin.objectId}`, startedById: admin.id };
}

describe("rollout commands under concurrency", () => {
  it("pause, resume and cancel fired together end consistently, each transition audited once; an outsider's ids reach nothing", async () => {
    const actor = await workspaceWithCustomers(5);
    const outsider = await workspaceWithCustomers(1);
    const { rolloutId } = await commands.startRollout({ ...actor, concurrency: 2 });
    const storm = [commands.pauseRollout, commands.resumeRollout, commands.cancelRollout, commands.pauseRollout, commands.resumeRollout, commands.cancelRollout, commands.pauseRollout, commands.resumeRollout];
    const outcomes = await Promise.allSettled(storm.map((command) => command({ ...actor, rolloutId })));
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ status: 409 });
    const rollout = await db.rollout.findUniqueOrThrow({ where: { id: rolloutId }, select: { status: true, skipped: true } });
    const pending = await db.rolloutCustomer.count({ where: { rolloutId, status: "pending" } });
    if (rollout.status === "cancelled") expect([pending, rollout.skipped]).toEqual([0, 5]);
    else expect(pending).toBe(5);
    const audited = await db.auditEvent.findMany({ where: { workspaceId: actor.workspaceId, target: `rollout:${rolloutId}` }, select: { action: true } });
    const succeeded = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [storm[i]!.name] : []));
    expect(audited.length).toBe(1 + succeeded.length);
    expect(succeeded.filter((name) => name === "cancelRollout").length).toBeLessThanOrEqual(1);
    // Once cancelled, nothing brings it back.
    await commands.cancelRollout({ ...actor, rolloutId }).catch(() => undefined);
    await expect(commands.resumeRollout({ ...actor, rolloutId })).rejects.toMatchObject({ status: 409 });
    await expect(commands.pauseRollout({ ...actor, rolloutId })).rejects.toMatchObject({ status: 409 });
    // Another workspace's rollout id: not found for every command, and nothing changes.
    const theirs = await commands.startRollout({ ...outsider, concurrency: 1 });
    for (const command of [commands.pauseRollout, commands.resumeRollout, commands.cancelRollout]) {
      await expect(command({ ...actor, rolloutId: theirs.rolloutId })).rejects.toMatchObject({ status: 404 });
    }
    expect((await db.rollout.findUniqueOrThrow({ where: { id: theirs.rolloutId }, select: { status: true } })).status).toBe("queued");
    expect(await db.auditEvent.count({ where: { workspaceId: actor.workspaceId, target: `rollout:${theirs.rolloutId}` } })).toBe(0);
  });

  it("a flood of 20 starts makes one rollout and one audit", async () => {
    const actor = await workspaceWithCustomers(3);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => commands.startRollout({ ...actor, concurrency: 2 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 409 });
    expect(await db.rollout.count({ where: { workspaceId: actor.workspaceId } })).toBe(1);
    expect(await db.rolloutCustomer.count({ where: { workspaceId: actor.workspaceId } })).toBe(3);
    expect(await db.auditEvent.count({ where: { workspaceId: actor.workspaceId, action: "blueprint.rollout_started" } })).toBe(1);
  });
});
