import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { repeatKey } from "./repeat-key";

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

/**
 * Records a refusal that anyone on the internet can trigger (a replayed consent state, a rate
 * limit reached). Identical ones within the same hour collapse into one event whose repeatCount
 * grows and whose lastAt moves, so a flood costs one row, not one per request, and cannot push
 * real events off the pages that read the trail. The audit trigger allows only that update.
 */
export async function recordRepeatableRefusal(entry: AuditEntry, now = new Date(), claims: Prisma.InputJsonObject = {}): Promise<void> {
  // `claims` is what the caller sent (a claimed tenant, error text). It is kept on the event, but
  // it does not make a refusal "different": else a flood varies it on every request and each
  // one writes its own row. The first request's claims stay; the count says how many followed.
  const key = repeatKey({ ...entry, target: entry.target ?? null, details: entry.details ?? {} }, now);
  const details = { ...(entry.details ?? {}), ...claims };
  // One statement, so concurrent identical refusals from several processes all count.
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "workspaceId", "actor", "action", "target", "details", "at", "lastAt", "repeatCount", "repeatKey")
    VALUES (${randomUUID()}::uuid, ${entry.workspaceId}::uuid, ${entry.actor}, ${entry.action}, ${entry.target ?? null},
            ${JSON.stringify(details)}::jsonb, ${now}, ${now}, 1, ${key})
    ON CONFLICT ("repeatKey") DO UPDATE
      SET "repeatCount" = "AuditEvent"."repeatCount" + 1,
          "lastAt" = GREATEST("AuditEvent"."lastAt", EXCLUDED."lastAt")`;
}

export const userActor = (objectId: string) => `user:${objectId}`;
