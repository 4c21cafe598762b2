import { describe, expect, it } from "vitest";
import { guestInstructions } from "./report";
import { guestsOf } from "./remove";

describe("the guests an offboarding leaves", () => {
  it("names each assignment's target once, by principal name, then email, then display name", () => {
    expect(guestsOf([
      { id: "a1", target: { objectId: "AAA", principalName: "alex@mssp.example", email: "alex@mail.example", displayName: "Alex" } },
      { id: "a2", target: { objectId: "aaa", principalName: "alex@mssp.example" } },
      { id: "a3", target: { objectId: "bbb", principalName: null, email: "blair@mail.example", displayName: "Blair" } },
      { id: "a4", target: { objectId: "ccc", displayName: "Casey" } },
      { id: "a5", target: { objectId: "ddd" } },
      // Not a user in the tenant yet, or no target read: no account to name.
      { id: "a6", target: { objectId: null, principalName: "dana@mssp.example" } },
      { id: "a7" },
    ])).toEqual([
      { objectId: "aaa", name: "alex@mssp.example" },
      { objectId: "bbb", name: "blair@mail.example" },
      { objectId: "ccc", name: "Casey" },
      { objectId: "ddd", name: "ddd" },
    ]);
  });

  it("says nothing when no guest is left, and who deletes them when some are", () => {
    expect(guestInstructions(0)).toEqual([]);
    expect(guestInstructions(1)[0]).toContain("did not delete the guest account ");
    expect(guestInstructions(3)[0]).toContain("did not delete the 3 guest accounts");
  });
});
