// Attack: two "New consent link" presses for one customer at the same moment (a double click, or
// two admins). Each must revoke every earlier link, so exactly one link stays usable, whatever
// the timing. Without serialisation both transactions saw the same old link, revoked it, and each
// created a new one: two live links, although the page said "Earlier links no longer work".
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCustomer } from "@/lib/data/customers";
import { createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { reissueInvite } from "./invites";

const PRESSES = 6;
const ROUNDS = 5;

describe("concurrent consent links for one customer", () => {
  it("leaves exactly one active link however many are issued at once", async () => {
    const admin = await createWorkspaceUser();
    for (let round = 0; round < ROUNDS; round++) {
      const customer = await db.$transaction((tx) => createCustomer(admin, { displayName: `Race ${round}`, primaryDomain: uniqueDomain() }, tx));
      const issued = await Promise.allSettled(Array.from({ length: PRESSES }, () => reissueInvite(admin, customer.id)));
      expect(issued.filter((r) => r.status === "fulfilled").length).toBeGreaterThan(0);
      const active = await db.consentInvite.count({
        where: { customerId: customer.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      });
      expect(active, `round ${round}`).toBe(1);
    }
  });
});
