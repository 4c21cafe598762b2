import { describe, expect, it } from "vitest";
import { fleetProgressText } from "./use-fleet-job";

const words = { none: "No consented customer to sync.", doing: "Syncing", done: "Synced" };

describe("a fleet job's progress in words", () => {
  it("says there is nobody, how far it is, or that it is done", () => {
    expect(fleetProgressText({ since: "", done: 0, total: 0 }, words)).toBe("No consented customer to sync.");
    expect(fleetProgressText({ since: "", done: 3, total: 10 }, words)).toBe("Syncing: 3 of 10 customers done");
    expect(fleetProgressText({ since: "", done: 10, total: 10 }, words)).toBe("Synced 10 of 10 customers");
  });
});
