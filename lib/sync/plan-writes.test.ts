import { describe, expect, it } from "vitest";
import { changesIn, planTable, planTenant } from "./plan-writes";

const key = (r: object) => String((r as { graphId: unknown }).graphId);
const at = new Date("2027-01-01T00:00:00Z");

describe("planTable", () => {
  it("inserts new rows, updates changed ones, deletes the ones Graph no longer returns", () => {
    const stored = [
      { id: "s1", graphId: "a", state: "delivered", expiresAt: at },
      { id: "s2", graphId: "b", state: "delivered", expiresAt: at },
      { id: "s3", graphId: "c", state: "delivered", expiresAt: at },
    ];
    const plan = planTable([
      { graphId: "a", state: "delivered", expiresAt: new Date(at) },
      { graphId: "b", state: "expired", expiresAt: at },
      { graphId: "d", state: "delivered", expiresAt: null },
    ], stored, key);
    expect(plan.inserts.map(key)).toEqual(["d"]);
    expect(plan.updates).toEqual([{ id: "s2", row: { graphId: "b", state: "expired", expiresAt: at } }]);
    expect(plan.deletes).toEqual(["s3"]);
  });

  it("plans nothing when every field matches (equal dates included)", () => {
    const plan = planTenant(
      { assignments: [{ graphId: "a", expiresAt: new Date(at) } as never], requests: [], approvers: [{ objectId: "o1", displayName: "A" } as never] },
      { assignments: [{ id: "s1", graphId: "a", expiresAt: at }], requests: [], approvers: [{ id: "s2", objectId: "o1", displayName: "A" }] },
    );
    expect(changesIn(plan)).toBe(0);
  });
});
