import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { addUser, createWorkspaceUser, uniqueDomain } from "@/lib/testing/fixtures";
import { listLaunchpad } from "./launchpad";

async function customer(workspaceId: string, displayName: string, status: "invited" | "consented" | "active" | "offboarded") {
  const tenantId = status === "invited" ? null : randomUUID();
  await db.customer.create({ data: { workspaceId, displayName, primaryDomain: uniqueDomain(), status, tenantId } });
  return tenantId;
}

describe("launchpad", () => {
  it("lists the workspace's connected customers with their portal links, by name", async () => {
    const admin = await createWorkspaceUser();
    const analyst = await addUser(admin.workspace, "analyst");
    const other = await createWorkspaceUser();
    const zeta = await customer(admin.workspace.id, "zeta", "active");
    const alpha = await customer(admin.workspace.id, "Alpha", "consented");
    await customer(admin.workspace.id, "Pending", "invited");
    await customer(admin.workspace.id, "Gone", "offboarded");
    await customer(other.workspace.id, "Elsewhere", "active");

    const entries = await listLaunchpad(analyst);
    expect(entries.map((e) => e.displayName)).toEqual(["Alpha", "zeta"]);
    expect(entries[0]?.defenderUrl).toBe(`https://security.microsoft.com/?tid=${alpha}`);
    expect(entries[1]?.defenderUrl).toBe(`https://security.microsoft.com/?tid=${zeta}`);
    expect(entries[0]?.myAccessUrl).toBe(`https://myaccess.microsoft.com/@${entries[0]?.primaryDomain}`);
  });

  it("shows request links of active customers only", async () => {
    const admin = await createWorkspaceUser();
    const analyst = await addUser(admin.workspace, "analyst");
    await customer(admin.workspace.id, "Ready", "active");
    await customer(admin.workspace.id, "Halfway", "consented");
    const rows = await db.customer.findMany({ where: { workspaceId: admin.workspace.id }, select: { id: true, displayName: true, primaryDomain: true } });
    for (const row of rows) {
      await db.tenantObject.create({
        data: { workspaceId: admin.workspace.id, customerId: row.id, key: "package:tier1", kind: "accessPackage", graphId: `pkg-${row.displayName}`, displayName: "Tier 1 Analyst" },
      });
    }
    const entries = await listLaunchpad(analyst);
    const ready = rows.find((r) => r.displayName === "Ready")!;
    expect(entries.find((e) => e.displayName === "Ready")?.packages).toEqual([
      { key: "package:tier1", displayName: "Tier 1 Analyst", url: `https://myaccess.microsoft.com/@${ready.primaryDomain}#/access-packages/pkg-Ready` },
    ]);
    expect(entries.find((e) => e.displayName === "Halfway")?.packages).toEqual([]);
  });

  it("is closed to a user without the permission", async () => {
    const admin = await createWorkspaceUser();
    await expect(listLaunchpad({ ...admin, role: "nobody" as never })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
