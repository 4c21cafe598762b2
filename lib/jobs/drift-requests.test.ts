// "Check all now" against a real queue: flooded, it still leaves one waiting check per customer.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { db as Db } from "@/lib/db";
import type * as Requests from "./drift-requests";
import type * as Queue from "./queue";

let db: typeof Db;
let requests: typeof Requests;
let queue: typeof Queue;

beforeAll(async () => {
  db = (await import("@/lib/db")).db;
  requests = await import("./drift-requests");
  queue = await import("./queue");
});
afterAll(async () => {
  await queue?.stopProducer();
});

describe("requestDriftChecks", () => {
  it("Check all now fired 20 times at once queues one check per customer, and none for another workspace", async () => {
    const { createWorkspaceUser, uniqueDomain } = await import("@/lib/testing/fixtures");
    const [mine, theirs] = await Promise.all([createWorkspaceUser(), createWorkspaceUser()]);
    const customer = (workspaceId: string, status: "active" | "invited") =>
      db.customer.create({ data: { workspaceId, displayName: uniqueDomain(), primaryDomain: uniqueDomain(), status, tenantId: randomUUID() }, select: { id: true } });
    const checkable = await Promise.all([customer(mine.workspace.id, "active"), customer(mine.workspace.id, "active"), customer(mine.workspace.id, "active")]);
    await customer(mine.workspace.id, "invited");
    const other = await customer(theirs.workspace.id, "active");

    const answers = await Promise.all(Array.from({ length: 20 }, () => requests.requestDriftChecks(mine.workspace.id)));
    expect(answers.every((a) => a.customers === 3)).toBe(true);
    expect(answers.reduce((n, a) => n + a.queued, 0)).toBe(3);
    const waiting = await db.$queryRawUnsafe<{ customerId: string; n: number }[]>(
      `SELECT data->>'customerId' AS "customerId", count(*)::int AS n FROM ${queue.JOB_SCHEMA}.job WHERE data->>'workspaceId' IN ($1, $2) AND state = 'created' GROUP BY 1`,
      mine.workspace.id, theirs.workspace.id,
    );
    expect(waiting.sort((a, b) => a.customerId.localeCompare(b.customerId))).toEqual(checkable.map((c) => ({ customerId: c.id, n: 1 })).sort((a, b) => a.customerId.localeCompare(b.customerId)));
    expect(waiting.some((w) => w.customerId === other.id)).toBe(false);
  });
});
