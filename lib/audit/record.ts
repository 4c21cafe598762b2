import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export interface AuditEntry {
  workspaceId: string | null;
  actor: string;
  action: string;
  target?: string;
  details?: Prisma.InputJsonObject;
}

type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

/** Appends one audit event; pass a transaction client to make it part of the same change. */
export async function recordAudit(entry: AuditEntry, client: AuditWriter = db): Promise<void> {
  await client.auditEvent.create({
    data: {
      workspaceId: entry.workspaceId,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ?? {},
    },
  });
}

export const userActor = (objectId: string) => `user:${objectId}`;
