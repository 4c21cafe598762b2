-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "repeatCount" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "repeatKey" TEXT;

-- CreateTable
CREATE TABLE "rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_repeatKey_key" ON "AuditEvent"("repeatKey");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_target_action_lastAt_idx" ON "AuditEvent"("workspaceId", "target", "action", "lastAt");


-- Existing events happened once, at their own time. The trigger below would refuse to move
-- lastAt backwards, so it is set with the trigger off, inside this migration only.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
UPDATE "AuditEvent" SET "lastAt" = "at";
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

-- Still append-only, with one narrow exception: a flood of identical refusals (400 replays of a
-- spent consent state) is one event with a count, not 400 rows that bury everything else.
-- Why a counter on the row rather than a separate "repeats" table: the trail stays one row per
-- event, read by one query everywhere, and nothing outside it can change what it says. The
-- trigger allows exactly this update: a row created collapsible (repeatKey set) may raise its
-- repeatCount and move lastAt forward; every other column, and every row without a repeatKey,
-- stays immutable. Deletes are refused as before, except the workspace cascade.
CREATE OR REPLACE FUNCTION "AuditEvent_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND OLD."workspaceId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Workspace" WHERE "id" = OLD."workspaceId") THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
     AND OLD."repeatKey" IS NOT NULL
     AND (NEW."id", NEW."workspaceId", NEW."actor", NEW."action", NEW."target", NEW."details", NEW."at", NEW."repeatKey")
         IS NOT DISTINCT FROM
         (OLD."id", OLD."workspaceId", OLD."actor", OLD."action", OLD."target", OLD."details", OLD."at", OLD."repeatKey")
     AND NEW."repeatCount" > OLD."repeatCount"
     AND NEW."lastAt" >= OLD."lastAt" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are append-only';
END;
$$;
