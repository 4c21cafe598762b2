import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCustomer } from "@/lib/data/customers";
import { createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { recordProvenConsent } from "./consent-record";
import { issueInvite, revokeInvite } from "./invites";

// Tenant ids are unique deployment-wide, so every test proves its own tenant.
const proofFor = (tenantId: string = randomUUID()) => ({ tenantId, organizationName: "Contoso", grantedRoles: ["Group.ReadWrite.All"] });
const admin = { tenantId: "", objectId: randomUUID(), name: "Avery Admin", upn: "admin@contoso.com" };
const extra = { scope: null, admin };

async function pending(workspaceName = "Test MSSP") {
  const user = await createWorkspaceUser("admin", workspaceName);
  const customer = await db.$transaction((tx) => createCustomer(user, { displayName: "Race", primaryDomain: uniqueDomain() }, tx));
  const invite = await db.$transaction((tx) => issueInvite(user, customer.id, tx));
  const target = {
    inviteId: invite.inviteId,
    workspaceId: user.workspace.id,
    customerId: customer.id,
    seen: { tenantId: null, status: "invited" as const },
  };
  return { admin: user, customer, invite, target };
}

const row = (id: string) => db.customer.findUniqueOrThrow({ where: { id }, select: { status: true, tenantId: true } });

describe("recording a proven consent", () => {
  it("records tenant, status, the granting admin and the used invite together", async () => {
    const { customer, target } = await pending();
    const proof = proofFor();
    expect(await recordProvenConsent(target, proof, extra, new Date())).toBe("granted");
    expect(await row(customer.id)).toEqual({ status: "consented", tenantId: proof.tenantId });
    const stored = await db.customer.findUniqueOrThrow({
      where: { id: customer.id },
      select: { consentGrantedByName: true, consentGrantedByUpn: true, consentGrantedByObjectId: true },
    });
    expect(stored).toEqual({ consentGrantedByName: "Avery Admin", consentGrantedByUpn: "admin@contoso.com", consentGrantedByObjectId: admin.objectId });
    const event = await db.auditEvent.findFirstOrThrow({ where: { target: `customer:${customer.id}`, action: "consent.granted" }, select: { actor: true } });
    expect(event.actor).toBe(`customer-admin:${admin.objectId}`);
  });

  it("loses to a revoke that happened while Microsoft was asked", async () => {
    const { admin: user, customer, invite, target } = await pending();
    await revokeInvite(user, customer.id, invite.inviteId);
    expect(await recordProvenConsent(target, proofFor(), extra, new Date())).toBe("invite-revoked");
    expect(await row(customer.id)).toEqual({ status: "invited", tenantId: null });
  });

  it("writes nothing when the customer changed meanwhile", async () => {
    const { customer, invite, target } = await pending();
    await db.customer.update({ where: { id: customer.id }, data: { status: "offboarding" } });
    expect(await recordProvenConsent(target, proofFor(), extra, new Date())).toBe("tenant-mismatch");
    expect(await row(customer.id)).toEqual({ status: "offboarding", tenantId: null });
    const stored = await db.consentInvite.findUniqueOrThrow({ where: { id: invite.inviteId }, select: { usedAt: true } });
    expect(stored.usedAt).toBeNull();
  });

  it("refuses an MSSP's own tenant through the database trigger, writing nothing", async () => {
    const { customer, invite, target } = await pending();
    const mssp = await createWorkspaceUser("admin", "Another MSSP");
    expect(await recordProvenConsent(target, proofFor(mssp.workspace.tenantId), extra, new Date())).toBe("mssp-tenant");
    expect(await row(customer.id)).toEqual({ status: "invited", tenantId: null });
    const stored = await db.consentInvite.findUniqueOrThrow({ where: { id: invite.inviteId }, select: { usedAt: true } });
    expect(stored.usedAt).toBeNull();
  });

  it("lets exactly one of two workspaces record one tenant when both land at once (12 rounds)", async () => {
    for (let round = 0; round < 12; round++) {
      const [a, b] = await Promise.all([pending("MSSP A"), pending("MSSP B")]);
      const proof = proofFor();
      const outcomes = await Promise.all([
        recordProvenConsent(a.target, proof, extra, new Date()),
        recordProvenConsent(b.target, proof, extra, new Date()),
      ]);
      expect(outcomes.filter((o) => o === "granted")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "tenant-in-another-workspace")).toHaveLength(1);
      const holders = await db.customer.findMany({ where: { tenantId: proof.tenantId }, select: { id: true } });
      expect(holders).toHaveLength(1);
      // The loser's link stays unused and its customer untouched: no half-write.
      const loser = outcomes[0] === "granted" ? b : a;
      expect(await row(loser.customer.id)).toEqual({ status: "invited", tenantId: null });
      const link = await db.consentInvite.findUniqueOrThrow({ where: { id: loser.invite.inviteId }, select: { usedAt: true } });
      expect(link.usedAt).toBeNull();
    }
  });
});
