// A flood of anonymous callbacks (issue 8: 400 in 2.5 s each wrote an audit row) ends as one
// audit event with a count.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { db as Db } from "@/lib/db";
import type { handleConsentCallback as HandleConsentCallback } from "./consent-callback";

let db: typeof Db;
let handleConsentCallback: typeof HandleConsentCallback;
beforeAll(async () => {
  process.env.AUTH_SECRET ??= "integration-test-secret-that-is-long-enough";
  db = (await import("@/lib/db")).db;
  handleConsentCallback = (await import("./consent-callback")).handleConsentCallback;
});

/** The anonymous invalid-state refusals: how many rows, and how many requests they count. */
async function forgedRefusals(): Promise<{ rows: number; count: number }> {
  const rows = await db.auditEvent.findMany({
    where: { action: "consent.refused", workspaceId: null, actor: "anonymous", details: { path: ["reason"], equals: "invalid-state" } },
    select: { repeatCount: true },
  });
  return { rows: rows.length, count: rows.reduce((sum, r) => sum + r.repeatCount, 0) };
}

describe("consent callback flood", () => {
  it("records 400 identical forged callbacks as one refusal counted 400 times", async () => {
    // Forged refusals of this hour share one event (claims do not tell them apart), so the test
    // measures what the flood added, whatever other tests wrote before.
    const before = await forgedRefusals();
    const tenant = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 400 }, () => handleConsentCallback({ state: "forged.state", tenant, error: "access_denied" })),
    );
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(["invalid-state"]));
    const after = await forgedRefusals();
    expect(after.rows - before.rows).toBeLessThanOrEqual(1);
    expect(after.count - before.count).toBeGreaterThanOrEqual(400);
  });

  it("collapses forged callbacks whose claimed tenant and error text differ on every request", async () => {
    // Attack: "identical" refusals collapse, so an attacker makes every one different: a fresh
    // tenant and error text per request. Each used to write its own audit row.
    const before = await forgedRefusals();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        handleConsentCallback({ state: "forged.state", tenant: randomUUID(), error: `err_${i}`, errorDescription: `flood ${randomUUID()}` }),
      ),
    );
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(["invalid-state"]));
    const after = await forgedRefusals();
    expect(after.rows - before.rows).toBeLessThanOrEqual(1);
    expect(after.count - before.count).toBeGreaterThanOrEqual(200);
    // The claims are still kept, as claims (those of the request that opened the event).
    const [event] = await db.auditEvent.findMany({
      where: { action: "consent.refused", workspaceId: null, actor: "anonymous", details: { path: ["reason"], equals: "invalid-state" } },
      orderBy: { lastAt: "desc" },
      take: 1,
      select: { details: true },
    });
    expect(event!.details).toHaveProperty("claimedTenant");
  });
});
