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

describe("consent callback flood", () => {
  it("records 400 identical forged callbacks as one refusal counted 400 times", async () => {
    const tenant = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 400 }, () => handleConsentCallback({ state: "forged.state", tenant, error: "access_denied" })),
    );
    expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(["invalid-state"]));
    const rows = await db.auditEvent.findMany({
      where: { action: "consent.refused", details: { path: ["claimedTenant"], equals: tenant } },
      select: { repeatCount: true, at: true, lastAt: true },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.repeatCount).toBe(400);
    expect(rows[0]!.lastAt.getTime()).toBeGreaterThanOrEqual(rows[0]!.at.getTime());
  });
});
