-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "assignmentsCount" INTEGER NOT NULL DEFAULT 0,
    "requestsCount" INTEGER NOT NULL DEFAULT 0,
    "approversCount" INTEGER NOT NULL DEFAULT 0,
    "changedCount" INTEGER NOT NULL DEFAULT 0,
    "graphRequests" INTEGER NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "errorMessage" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerSync" (
    "customerId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "failureCode" TEXT,
    "failureReason" TEXT,
    "nextSyncAt" TIMESTAMP(3),

    CONSTRAINT "CustomerSync_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "SyncedAssignment" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "graphId" TEXT NOT NULL,
    "accessPackageId" TEXT NOT NULL,
    "accessPackageName" TEXT NOT NULL,
    "tier" TEXT,
    "state" TEXT NOT NULL,
    "status" TEXT,
    "targetObjectId" TEXT,
    "targetDisplayName" TEXT,
    "targetEmail" TEXT,
    "targetPrincipalName" TEXT,
    "portalUserId" UUID,
    "startAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncedAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncedRequest" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "graphId" TEXT NOT NULL,
    "accessPackageId" TEXT NOT NULL,
    "accessPackageName" TEXT NOT NULL,
    "tier" TEXT,
    "state" TEXT NOT NULL,
    "status" TEXT,
    "requestType" TEXT,
    "justification" TEXT,
    "requestorObjectId" TEXT,
    "requestorName" TEXT,
    "requestorEmail" TEXT,
    "requestorPrincipal" TEXT,
    "portalUserId" UUID,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncedRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncedApprover" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "objectId" TEXT NOT NULL,
    "displayName" TEXT,
    "email" TEXT,
    "principalName" TEXT,
    "portalUserId" UUID,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncedApprover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncRun_customerId_startedAt_idx" ON "SyncRun"("customerId", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRun_workspaceId_startedAt_idx" ON "SyncRun"("workspaceId", "startedAt");

-- CreateIndex
CREATE INDEX "CustomerSync_workspaceId_lastSuccessAt_idx" ON "CustomerSync"("workspaceId", "lastSuccessAt");

-- CreateIndex
CREATE INDEX "CustomerSync_nextSyncAt_idx" ON "CustomerSync"("nextSyncAt");

-- CreateIndex
CREATE INDEX "SyncedAssignment_workspaceId_state_expiresAt_idx" ON "SyncedAssignment"("workspaceId", "state", "expiresAt");

-- CreateIndex
CREATE INDEX "SyncedAssignment_workspaceId_portalUserId_idx" ON "SyncedAssignment"("workspaceId", "portalUserId");

-- CreateIndex
CREATE INDEX "SyncedAssignment_workspaceId_customerId_idx" ON "SyncedAssignment"("workspaceId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncedAssignment_customerId_graphId_key" ON "SyncedAssignment"("customerId", "graphId");

-- CreateIndex
CREATE INDEX "SyncedRequest_workspaceId_state_requestedAt_idx" ON "SyncedRequest"("workspaceId", "state", "requestedAt");

-- CreateIndex
CREATE INDEX "SyncedRequest_workspaceId_portalUserId_idx" ON "SyncedRequest"("workspaceId", "portalUserId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncedRequest_customerId_graphId_key" ON "SyncedRequest"("customerId", "graphId");

-- CreateIndex
CREATE INDEX "SyncedApprover_workspaceId_portalUserId_idx" ON "SyncedApprover"("workspaceId", "portalUserId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncedApprover_customerId_objectId_key" ON "SyncedApprover"("customerId", "objectId");

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSync" ADD CONSTRAINT "CustomerSync_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSync" ADD CONSTRAINT "CustomerSync_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedAssignment" ADD CONSTRAINT "SyncedAssignment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedAssignment" ADD CONSTRAINT "SyncedAssignment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedAssignment" ADD CONSTRAINT "SyncedAssignment_portalUserId_fkey" FOREIGN KEY ("portalUserId") REFERENCES "PortalUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedRequest" ADD CONSTRAINT "SyncedRequest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedRequest" ADD CONSTRAINT "SyncedRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedRequest" ADD CONSTRAINT "SyncedRequest_portalUserId_fkey" FOREIGN KEY ("portalUserId") REFERENCES "PortalUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedApprover" ADD CONSTRAINT "SyncedApprover_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedApprover" ADD CONSTRAINT "SyncedApprover_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncedApprover" ADD CONSTRAINT "SyncedApprover_portalUserId_fkey" FOREIGN KEY ("portalUserId") REFERENCES "PortalUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

