import { describe, expect, it } from "vitest";
import { compareMigrations } from "./migrations";

describe("compareMigrations", () => {
  it("is up to date when every migration on disk is applied", () => {
    expect(compareMigrations(["1_init", "2_users"], ["2_users", "1_init"])).toEqual({
      upToDate: true,
      applied: 2,
      pending: [],
      unknown: [],
    });
  });

  it("lists migrations on disk that the database has not applied, in order", () => {
    const state = compareMigrations(["3_c", "1_a", "2_b"], ["1_a"]);
    expect(state.upToDate).toBe(false);
    expect(state.pending).toEqual(["2_b", "3_c"]);
  });

  it("flags migrations the database has but the code does not", () => {
    const state = compareMigrations(["1_a"], ["1_a", "2_newer"]);
    expect(state.upToDate).toBe(false);
    expect(state.unknown).toEqual(["2_newer"]);
  });

  it("treats an empty database as behind", () => {
    expect(compareMigrations(["1_a"], []).pending).toEqual(["1_a"]);
  });
});
