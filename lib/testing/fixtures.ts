// Test data for integration tests: each call makes rows no other test shares.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { PortalRole } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

export async function createWorkspaceUser(role: PortalRole = "admin", workspaceName = "Test MSSP"): Promise<CurrentUser> {
  const workspace = await db.workspace.create({
    data: { name: workspaceName, tenantId: randomUUID(), primaryDomain: `${randomUUID().slice(0, 8)}.example` },
    select: { id: true, name: true, tenantId: true, primaryDomain: true },
  });
  return addUser(workspace, role);
}

export async function addUser(workspace: CurrentUser["workspace"], role: PortalRole): Promise<CurrentUser> {
  const user = await db.portalUser.create({
    data: {
      workspaceId: workspace.id,
      objectId: randomUUID(),
      tenantId: workspace.tenantId,
      name: `${role} user`,
      email: `${role}@${workspace.primaryDomain}`,
      role,
    },
    select: { id: true, objectId: true, name: true, email: true, role: true },
  });
  return { ...user, role, workspace };
}

export const uniqueDomain = (label = "customer") => `${label}-${randomUUID().slice(0, 8)}.example`;
