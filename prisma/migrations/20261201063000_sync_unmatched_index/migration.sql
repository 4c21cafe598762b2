-- DropIndex
DROP INDEX "SyncedAssignment_workspaceId_portalUserId_idx";

-- CreateIndex
CREATE INDEX "SyncedAssignment_workspaceId_portalUserId_expiresAt_idx" ON "SyncedAssignment"("workspaceId", "portalUserId", "expiresAt");

