// The database itself keeps a tenant to one customer in the whole deployment and never lets an
// MSSP's own tenant be a customer, whichever row is written first.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";

const newWorkspace = (tenantId: string) =>
  db.workspace.create({ data: { name: "MSSP", tenantId, primaryDomain: uniqueDomain("mssp") }, select: { id: true } });
const newCustomer = (workspaceId: string, tenantId: string | null) =>
  db.customer.create({ data: { workspaceId, displayName: "Customer", primaryDomain: uniqueDomain(), tenantId }, select: { id: true } });

describe("one tenant, one customer (database rules)", () => {
  it("refuses a workspace's own tenant as a customer tenant", async () => {
    const admin = await createWorkspaceUser();
    await expect(newCustomer(admin.workspace.id, admin.workspace.tenantId)).rejects.toThrow(/is an MSSP workspace tenant and cannot be a customer/);
    const other = await createWorkspaceUser();
    await expect(newCustomer(other.workspace.id, admin.workspace.tenantId)).rejects.toThrow(/is an MSSP workspace tenant/);
    // Also when a pending customer is later given that tenant.
    const pending = await newCustomer(other.workspace.id, null);
    await expect(db.customer.update({ where: { id: pending.id }, data: { tenantId: admin.workspace.tenantId } })).rejects.toThrow(/is an MSSP workspace tenant/);
    expect(await db.customer.count({ where: { tenantId: admin.workspace.tenantId } })).toBe(0);
  });

  it("refuses a customer's tenant as a new workspace's tenant (the other order)", async () => {
    const admin = await createWorkspaceUser();
    const tenantId = randomUUID();
    await newCustomer(admin.workspace.id, tenantId);
    await expect(newWorkspace(tenantId)).rejects.toThrow(/is already a customer tenant and cannot be an MSSP workspace/);
    const later = await newWorkspace(randomUUID());
    await expect(db.workspace.update({ where: { id: later.id }, data: { tenantId } })).rejects.toThrow(/already a customer tenant/);
    expect(await db.workspace.count({ where: { tenantId } })).toBe(0);
  });

  it("keeps a tenant to one customer across workspaces, even when both write at once", async () => {
    const alice = await createWorkspaceUser();
    const bob = await createWorkspaceUser();
    const tenantId = randomUUID();
    await newCustomer(alice.workspace.id, tenantId);
    await expect(newCustomer(bob.workspace.id, tenantId)).rejects.toMatchObject({ code: "P2002" });
    await expect(newCustomer(alice.workspace.id, tenantId)).rejects.toMatchObject({ code: "P2002" });

    for (let round = 0; round < 5; round++) {
      const contested = randomUUID();
      const [a, b] = await Promise.all([newCustomer(alice.workspace.id, null), newCustomer(bob.workspace.id, null)]);
      const results = await Promise.allSettled([
        db.customer.update({ where: { id: a.id }, data: { tenantId: contested } }),
        db.customer.update({ where: { id: b.id }, data: { tenantId: contested } }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await db.customer.count({ where: { tenantId: contested } })).toBe(1);
    }
  });
});
