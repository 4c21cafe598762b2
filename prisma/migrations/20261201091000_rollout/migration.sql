-- CreateEnum
CREATE TYPE "RolloutStatus" AS ENUM ('queued', 'running', 'paused', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "RolloutCustomerStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "Rollout" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "blueprintVersion" INTEGER NOT NULL,
    "status" "RolloutStatus" NOT NULL DEFAULT 'queued',
    "concurrency" INTEGER NOT NULL,
    "startedById" UUID,
    "actor" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "pausedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rollout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RolloutCustomer" (
    "id" UUID NOT NULL,
    "rolloutId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "status" "RolloutCustomerStatus" NOT NULL DEFAULT 'pending',
    "runId" UUID,
    "message" TEXT,
    "changes" INTEGER,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RolloutCustomer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Rollout_workspaceId_createdAt_idx" ON "Rollout"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Rollout_status_idx" ON "Rollout"("status");

-- CreateIndex
CREATE INDEX "RolloutCustomer_rolloutId_status_idx" ON "RolloutCustomer"("rolloutId", "status");

-- CreateIndex
CREATE INDEX "RolloutCustomer_customerId_idx" ON "RolloutCustomer"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "RolloutCustomer_rolloutId_customerId_key" ON "RolloutCustomer"("rolloutId", "customerId");

-- AddForeignKey
ALTER TABLE "Rollout" ADD CONSTRAINT "Rollout_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rollout" ADD CONSTRAINT "Rollout_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "PortalUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolloutCustomer" ADD CONSTRAINT "RolloutCustomer_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "Rollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolloutCustomer" ADD CONSTRAINT "RolloutCustomer_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolloutCustomer" ADD CONSTRAINT "RolloutCustomer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ProvisioningRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One active rollout per workspace: two admins pressing "Roll out" at once get one rollout,
-- and a paused rollout must be resumed or cancelled before another starts.
CREATE UNIQUE INDEX "Rollout_one_active_per_workspace" ON "Rollout"("workspaceId") WHERE "status" IN ('queued', 'running', 'paused');
