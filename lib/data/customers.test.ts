import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { issueInvite, revokeInvite } from "@/lib/onboarding/invites";
import { hashInviteToken } from "@/lib/onboarding/invite-token";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { listAuditEvents } from "./audit";
import { createCustomer, CUSTOMER_PAGE_SIZE, getCustomer, listCustomers } from "./customers";

async function addCustomer(user: Awaited<ReturnType<typeof createWorkspaceUser>>, displayName: string, primaryDomain = uniqueDomain()) {
  return db.$transaction((tx) => createCustomer(user, { displayName, primaryDomain }, tx));
}

describe("customers, scoped to the workspace", () => {
  it("lists, searches and sorts only the caller's customers", async () => {
    const alice = await createWorkspaceUser("admin", "Alpha MSSP");
    const mallory = await createWorkspaceUser("admin", "Other MSSP");
    await addCustomer(alice, "Bravo", "bravo-alpha.example");
    await addCustomer(alice, "alpha corp", "alpha-corp.example");
    await addCustomer(mallory, "Bravo of another MSSP");

    const names = async (query: Parameters<typeof listCustomers>[1]) => (await listCustomers(alice, query)).items.map((c) => c.displayName);
    expect(await names({})).toEqual(["alpha corp", "Bravo"]);
    expect(await names({ sort: "name", dir: "desc" })).toEqual(["Bravo", "alpha corp"]);
    expect(await names({ q: "BRAVO" })).toEqual(["Bravo"]);
    expect(await names({ q: "alpha-corp" })).toEqual(["alpha corp"]);
    expect(await listCustomers(alice, { q: "another" })).toMatchObject({ items: [], total: 0, page: 1, pageCount: 1 });
    // LIKE wildcards are text: % is not "everything", _ is not "any character".
    expect(await names({ q: "%" })).toEqual([]);
    expect(await names({ q: "alpha_corp" })).toEqual([]);
  });

  it("answers not found for another workspace's customer and for malformed ids", async () => {
    const alice = await createWorkspaceUser();
    const mallory = await createWorkspaceUser();
    const victim = await addCustomer(mallory, "Victim");
    await expect(getCustomer(alice, victim.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCustomer(alice, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCustomer(mallory, victim.id)).displayName).toBe("Victim");
  });

  it("refuses a domain already used in the workspace, but not in another one", async () => {
    const alice = await createWorkspaceUser();
    const bob = await createWorkspaceUser();
    const domain = uniqueDomain();
    await addCustomer(alice, "First", domain);
    const duplicate = addCustomer(alice, "Second", domain);
    await expect(duplicate).rejects.toBeInstanceOf(InvalidInputError);
    await expect(duplicate).rejects.toMatchObject({ fieldErrors: { primaryDomain: [`${domain} already belongs to First.`] } });
    await expect(addCustomer(bob, "Elsewhere", domain)).resolves.toMatchObject({ id: expect.any(String) });
    expect((await listCustomers(alice)).total).toBe(1);
  });

  it("lets only admins create customers", async () => {
    const admin = await createWorkspaceUser();
    const analyst = await addUser(admin.workspace, "analyst");
    await expect(addCustomer(analyst, "Nope")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCustomers(analyst)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("paging", () => {
  it("serves 50 customers a page, in the chosen order, and clamps a page past the end", async () => {
    const admin = await createWorkspaceUser();
    await db.customer.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        workspaceId: admin.workspace.id,
        displayName: `Customer ${i + 1}`,
        primaryDomain: uniqueDomain(),
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      })),
    });
    expect(CUSTOMER_PAGE_SIZE).toBe(50);
    const first = await listCustomers(admin, {});
    expect(first).toMatchObject({ total: 120, page: 1, pageCount: 3, pageSize: 50 });
    // Numbers sort by value, as people read them.
    expect(first.items.slice(0, 3).map((c) => c.displayName)).toEqual(["Customer 1", "Customer 2", "Customer 3"]);
    const third = await listCustomers(admin, { page: 3 });
    expect(third.items.map((c) => c.displayName)).toEqual(Array.from({ length: 20 }, (_, i) => `Customer ${i + 101}`));
    const newest = await listCustomers(admin, { sort: "created", page: 2 });
    expect(newest.items[0]?.displayName).toBe("Customer 70");
    expect((await listCustomers(admin, { page: 99 })).page).toBe(3);
    const searched = await listCustomers(admin, { q: "Customer 1", page: 1 });
    // "Customer 1", "Customer 10"–"19", "Customer 100"–"120": 1 + 10 + 21
    expect(searched).toMatchObject({ total: 32, pageCount: 1 });
  });
});

describe("consent links", () => {
  it("stores only the token's hash, and a new link revokes the active one", async () => {
    const admin = await createWorkspaceUser();
    const customer = await addCustomer(admin, "Contoso");
    const first = await db.$transaction((tx) => issueInvite(admin, customer.id, tx));
    const token = first.link.split("/consent/")[1]!;
    const stored = await db.consentInvite.findUniqueOrThrow({ where: { id: first.inviteId } });
    expect(stored.tokenHash).toBe(hashInviteToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const second = await db.$transaction((tx) => issueInvite(admin, customer.id, tx));
    const detail = await getCustomer(admin, customer.id);
    expect(detail.invites.map((i) => [i.id, i.state])).toEqual([
      [second.inviteId, "active"],
      [first.inviteId, "revoked"],
    ]);
    const days = (second.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
  });

  it("revokes once, and never another workspace's link", async () => {
    const admin = await createWorkspaceUser();
    const mallory = await createWorkspaceUser();
    const customer = await addCustomer(admin, "Fabrikam");
    const invite = await db.$transaction((tx) => issueInvite(admin, customer.id, tx));

    await expect(revokeInvite(mallory, customer.id, invite.inviteId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(db.$transaction((tx) => issueInvite(mallory, customer.id, tx))).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCustomer(admin, customer.id)).invites[0]?.state).toBe("active");

    await revokeInvite(admin, customer.id, invite.inviteId);
    await expect(revokeInvite(admin, customer.id, invite.inviteId)).rejects.toThrow("This link is already revoked.");
    const actions = (await listAuditEvents(admin, { target: `customer:${customer.id}` })).map((e) => e.action);
    expect(actions).toEqual(["invite.revoked", "invite.issued", "customer.created"]);
  });
});

describe("audit log", () => {
  it("is append-only", async () => {
    const admin = await createWorkspaceUser();
    await addCustomer(admin, "Audited");
    const [event] = await listAuditEvents(admin);
    await expect(db.auditEvent.update({ where: { id: event!.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: event!.id } })).rejects.toThrow(/append-only/);
  });

  it("never shows another workspace's events", async () => {
    const alice = await createWorkspaceUser();
    const mallory = await createWorkspaceUser();
    await addCustomer(mallory, "Secret");
    expect(await listAuditEvents(alice)).toEqual([]);
  });
});
