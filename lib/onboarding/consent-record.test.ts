import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCustomer } from "@/lib/data/customers";
import { createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { recordProvenConsent } from "./consent-record";
import { issueInvite, revokeInvite } from "./invites";

const proof = { tenantId: "f751f8f2-154d-4e76-acbb-2dba45769137", organizationName: "Contoso", grantedRoles: ["Group.ReadWrite.All"] };

async function pending() {
  const admin = await createWorkspaceUser();
  const customer = await db.$transaction((tx) => createCustomer(admin, { displayName: "Race", primaryDomain: uniqueDomain() }, tx));
  const invite = await db.$transaction((tx) => issueInvite(admin, customer.id, tx));
  const target = {
    inviteId: invite.inviteId,
    workspaceId: admin.workspace.id,
    customerId: customer.id,
    seen: { tenantId: null, status: "invited" as const },
  };
  return { admin, customer, invite, target };
}

const row = (id: string) => db.customer.findUniqueOrThrow({ where: { id }, select: { status: true, tenantId: true } });

describe("recording a proven consent", () => {
  it("records tenant, status and the used invite together", async () => {
    const { customer, target } = await pending();
    expect(await recordProvenConsent(target, proof, { scope: null }, new Date())).toBe("granted");
    expect(await row(customer.id)).toEqual({ status: "consented", tenantId: proof.tenantId });
  });

  it("loses to a revoke that happened while Microsoft was asked", async () => {
    const { admin, customer, invite, target } = await pending();
    await revokeInvite(admin, customer.id, invite.inviteId);
    expect(await recordProvenConsent(target, proof, { scope: null }, new Date())).toBe("invite-revoked");
    expect(await row(customer.id)).toEqual({ status: "invited", tenantId: null });
  });

  it("writes nothing when the customer changed meanwhile", async () => {
    const { customer, invite, target } = await pending();
    await db.customer.update({ where: { id: customer.id }, data: { status: "offboarding" } });
    expect(await recordProvenConsent(target, proof, { scope: null }, new Date())).toBe("tenant-mismatch");
    expect(await row(customer.id)).toEqual({ status: "offboarding", tenantId: null });
    const stored = await db.consentInvite.findUniqueOrThrow({ where: { id: invite.inviteId }, select: { usedAt: true } });
    expect(stored.usedAt).toBeNull();
  });
});
