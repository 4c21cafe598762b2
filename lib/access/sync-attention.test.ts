import { describe, expect, it } from "vitest";
import { bySyncAttention } from "./sync-attention";

const line = (displayName: string, lastSuccessAt: string | null, failureReason: string | null = null) => ({ displayName, lastSuccessAt, failureReason });

describe("the last syncs, those to look at first", () => {
  it("puts failing, then never synced, then the oldest success first; ties by name", () => {
    const syncs = [
      line("Fresh", "2026-12-01T12:00:00.000Z"),
      line("Stale", "2026-11-20T12:00:00.000Z"),
      line("Never B", null),
      line("Failing but synced once", "2026-12-01T11:00:00.000Z", "Consent withdrawn"),
      line("Never A", null),
      line("Also stale", "2026-11-20T12:00:00.000Z"),
    ];
    expect(bySyncAttention(syncs).map((s) => s.displayName)).toEqual(["Failing but synced once", "Never A", "Never B", "Also stale", "Stale", "Fresh"]);
    expect(syncs[0]!.displayName).toBe("Fresh");
  });
});
