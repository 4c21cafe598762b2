import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { UnauthenticatedError } from "@/lib/errors";
import { auth } from "./config";
import { isPortalRole, requirePermission, type Permission, type PortalRole } from "./permissions";

export interface CurrentUser {
  id: string;
  objectId: string;
  name: string;
  email: string;
  role: PortalRole;
  workspace: { id: string; name: string; tenantId: string; primaryDomain: string };
}

/**
 * The signed-in user, re-read from the database on each request, so a deleted user or workspace
 * loses access at once. Null when there is no valid session.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.userId || !session.workspaceId) return null;
  const user = await db.portalUser.findFirst({
    where: { id: session.userId, workspaceId: session.workspaceId },
    select: {
      id: true,
      objectId: true,
      name: true,
      email: true,
      role: true,
      workspace: { select: { id: true, name: true, tenantId: true, primaryDomain: true } },
    },
  });
  if (!user || !isPortalRole(user.role)) return null;
  return { ...user, role: user.role };
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}

export async function requireUserWithPermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  requirePermission(user, permission);
  return user;
}
