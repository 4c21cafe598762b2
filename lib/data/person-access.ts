import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { isGuid } from "@/lib/utils/guid";

export interface PersonAccess {
  person: { id: string; name: string; email: string; role: string };
  assignments: { id: string; customerName: string; packageName: string; tier: string | null; state: string; startAt: Date | null; expiresAt: Date | null }[];
  /** Every synced request of this person, newest first: the history of asking, approvals and denials. */
  history: { id: string; customerName: string; packageName: string; state: string; justification: string | null; requestedAt: Date; completedAt: Date | null }[];
}

/** One staff member's access across the workspace's customers. Another workspace's id is "not found". */
export async function getPersonAccess(user: CurrentUser, personId: string): Promise<PersonAccess> {
  requirePermission(user, "access:read-all");
  const workspaceId = user.workspace.id;
  if (!isGuid(personId)) throw new NotFoundError("That person");
  const person = await db.portalUser.findFirst({ where: { id: personId, workspaceId }, select: { id: true, name: true, email: true, role: true } });
  if (!person) throw new NotFoundError("That person");
  const [assignments, requests] = await Promise.all([
    db.syncedAssignment.findMany({
      where: { workspaceId, portalUserId: person.id },
      select: { id: true, accessPackageName: true, tier: true, state: true, startAt: true, expiresAt: true, customer: { select: { displayName: true } } },
      orderBy: [{ expiresAt: "desc" }, { id: "asc" }],
    }),
    db.syncedRequest.findMany({
      where: { workspaceId, portalUserId: person.id },
      select: { id: true, accessPackageName: true, state: true, justification: true, requestedAt: true, completedAt: true, customer: { select: { displayName: true } } },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
  ]);
  return {
    person,
    assignments: assignments.map((a) => ({
      id: a.id,
      customerName: a.customer.displayName,
      packageName: a.accessPackageName,
      tier: a.tier,
      state: a.state,
      startAt: a.startAt,
      expiresAt: a.expiresAt,
    })),
    history: requests.map((r) => ({
      id: r.id,
      customerName: r.customer.displayName,
      packageName: r.accessPackageName,
      state: r.state,
      justification: r.justification,
      requestedAt: r.requestedAt,
      completedAt: r.completedAt,
    })),
  };
}
