import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { issueInvite } from "@/lib/onboarding/invites";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { listAuditEvents } from "./audit";
import { deleteCustomer, updateCustomer } from "./customer-edits";
import { createCustomer } from "./customers";

type Admin = Awaited<ReturnType<typeof createWorkspaceUser>>;
const addCustomer = (user: Admin, displayName: string) =>
  db.$transaction((tx) => createCustomer(user, { displayName, primaryDomain: uniqueDomain(), contactName: "Pat", contactEmail: "pat@example.com" }, tx));
const row = (id: string) => db.customer.findUnique({ where: { id }, select: { displayName: true, contactName: true, contactEmail: true } });

describe("editing a customer", () => {
  it("changes the name and contact and records before and after", async () => {
    const admin = await createWorkspaceUser();
    const { id } = await addCustomer(admin, "Contoso");
    const result = await updateCustomer(admin, { customerId: id, displayName: "Contoso Ltd", contactName: undefined, contactEmail: "it@contoso.example" });
    expect(result.changed).toEqual(["displayName", "contactName", "contactEmail"]);
    expect(await row(id)).toEqual({ displayName: "Contoso Ltd", contactName: null, contactEmail: "it@contoso.example" });
    const [event] = await listAuditEvents(admin, { target: `customer:${id}` });
    expect(event).toMatchObject({
      action: "customer.updated",
      details: { displayName: { from: "Contoso", to: "Contoso Ltd" }, contactName: { from: "Pat", to: null } },
    });
    // Saving the same values changes nothing and writes no event.
    expect((await updateCustomer(admin, { customerId: id, displayName: "Contoso Ltd", contactEmail: "it@contoso.example" })).changed).toEqual([]);
    expect(await listAuditEvents(admin, { target: `customer:${id}` })).toHaveLength(2);
  });

  it("answers not found for another workspace's customer and changes nothing; analysts may not edit", async () => {
    const alice = await createWorkspaceUser();
    const mallory = await createWorkspaceUser();
    const { id } = await addCustomer(alice, "Victim");
    await expect(updateCustomer(mallory, { customerId: id, displayName: "Pwned" })).rejects.toBeInstanceOf(NotFoundError);
    const analyst = await addUser(alice.workspace, "analyst");
    await expect(updateCustomer(analyst, { customerId: id, displayName: "Pwned" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await row(id))?.displayName).toBe("Victim");
  });
});

describe("deleting a customer", () => {
  it("needs the typed name, deletes the customer with its links, and keeps an audit event", async () => {
    const admin = await createWorkspaceUser();
    const { id } = await addCustomer(admin, "Woodgrove Bank");
    await db.$transaction((tx) => issueInvite(admin, id, tx));
    const wrong = deleteCustomer(admin, { customerId: id, confirmation: "Woodgrove" });
    await expect(wrong).rejects.toBeInstanceOf(InvalidInputError);
    await expect(wrong).rejects.toMatchObject({ fieldErrors: { confirmation: ["Type Woodgrove Bank to confirm."] } });
    expect(await row(id)).not.toBeNull();

    await deleteCustomer(admin, { customerId: id, confirmation: "  woodgrove bank " });
    expect(await row(id)).toBeNull();
    expect(await db.consentInvite.count({ where: { customerId: id } })).toBe(0);
    const [event] = await listAuditEvents(admin, { target: `customer:${id}` });
    expect(event).toMatchObject({ action: "customer.deleted", details: { displayName: "Woodgrove Bank" } });
  });

  it("refuses a customer that consented", async () => {
    const admin = await createWorkspaceUser();
    const { id } = await addCustomer(admin, "Consented");
    await db.customer.update({ where: { id }, data: { tenantId: randomUUID(), status: "consented", consentedAt: new Date() } });
    await expect(deleteCustomer(admin, { customerId: id, confirmation: "Consented" })).rejects.toBeInstanceOf(ConflictError);
    expect(await row(id)).not.toBeNull();
  });

  it("answers not found for another workspace's customer and deletes nothing", async () => {
    const alice = await createWorkspaceUser();
    const mallory = await createWorkspaceUser();
    const { id } = await addCustomer(alice, "Victim");
    await expect(deleteCustomer(mallory, { customerId: id, confirmation: "Victim" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await row(id)).not.toBeNull();
    expect(await listAuditEvents(mallory)).toEqual([]);
  });
});
