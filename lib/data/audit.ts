import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";

export interface AuditEventDto {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
  /** More than 1 when identical refusals were collapsed into this event (lib/audit/record.ts). */
  repeatCount: number;
  lastAt: Date;
}

export async function listAuditEvents(
  user: CurrentUser,
  options: { target?: string; limit?: number } = {},
): Promise<AuditEventDto[]> {
  requirePermission(user, "audit:read");
  return db.auditEvent.findMany({
    where: { workspaceId: user.workspace.id, ...(options.target ? { target: options.target } : {}) },
    orderBy: { at: "desc" },
    take: Math.min(options.limit ?? 200, 500),
    select: { id: true, at: true, actor: true, action: true, target: true, details: true, repeatCount: true, lastAt: true },
  });
}

/** Display names for the actors of a page of events, resolved within the workspace only. */
export async function actorNames(user: CurrentUser, actors: string[]): Promise<Map<string, string>> {
  const objectIds = [...new Set(actors.filter((a) => a.startsWith("user:")).map((a) => a.slice(5)))];
  const rows = objectIds.length
    ? await db.portalUser.findMany({
        where: { workspaceId: user.workspace.id, objectId: { in: objectIds } },
        select: { objectId: true, name: true },
      })
    : [];
  return new Map(rows.map((r) => [`user:${r.objectId}`, r.name]));
}
