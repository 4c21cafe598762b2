import { describe, expect, it } from "vitest";
import { isCurrentSection } from "./navigation";

describe("current section", () => {
  it("marks a section on its own page and on the pages below it", () => {
    expect(isCurrentSection("/customers", "/customers")).toBe(true);
    expect(isCurrentSection("/customers/42/provisioning", "/customers")).toBe(true);
  });

  it("does not mark a section whose path is only a prefix of another word", () => {
    expect(isCurrentSection("/access-review", "/access")).toBe(false);
    expect(isCurrentSection("/me", "/members")).toBe(false);
    expect(isCurrentSection("/dashboard", "/customers")).toBe(false);
  });
});
