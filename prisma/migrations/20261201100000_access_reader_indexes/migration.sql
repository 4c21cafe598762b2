-- Index-ordered paths for the access readers (issue 12 benchmark): expiries by customer, the
-- staff in force, expiries by person, the matrix's unmatched list and the approvals queue. Partial indexes: previewFeatures partialIndexes.

-- DropIndex
DROP INDEX "SyncedAssignment_workspaceId_customerId_idx";

-- DropIndex
DROP INDEX "SyncedAssignment_workspaceId_portalUserId_expiresAt_idx";

-- CreateIndex
CREATE INDEX "SyncedAssignment_workspaceId_portalUserId_state_expiresAt_idx" ON "SyncedAssignment"("workspaceId", "portalUserId", "state", "expiresAt");

-- CreateIndex
CREATE INDEX "SyncedAssignment_workspaceId_customerId_expiresAt_idx" ON "SyncedAssignment"("workspaceId", "customerId", "expiresAt");

-- CreateIndex
CREATE INDEX "SyncedAssignment_unmatched_idx" ON "SyncedAssignment"("workspaceId", "expiresAt") WHERE ("portalUserId" IS NULL AND state = 'delivered');

-- CreateIndex
CREATE INDEX "SyncedRequest_pending_idx" ON "SyncedRequest"("workspaceId", "requestedAt", "id") WHERE (state = ANY (ARRAY['pendingApproval'::text, 'submitted'::text]));

