-- CreateEnum
CREATE TYPE "ProvisioningRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'needs_attention', 'blocked');

-- CreateEnum
CREATE TYPE "ProvisioningStepAction" AS ENUM ('create', 'update', 'adopt', 'none', 'manual');

-- CreateEnum
CREATE TYPE "ProvisioningStepStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'skipped', 'needs_manual_action');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "attentionReason" TEXT;

-- CreateTable
CREATE TABLE "Blueprint" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "Blueprint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantObject" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "graphId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "adopted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantObject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningRun" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "blueprintVersion" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedById" UUID,
    "status" "ProvisioningRunStatus" NOT NULL DEFAULT 'queued',
    "stepsTotal" INTEGER NOT NULL DEFAULT 0,
    "stepsDone" INTEGER NOT NULL DEFAULT 0,
    "graphWrites" INTEGER NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "attentionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProvisioningRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningStep" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "action" "ProvisioningStepAction" NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "change" JSONB NOT NULL DEFAULT '{}',
    "status" "ProvisioningStepStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "manual" JSONB,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ProvisioningStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Blueprint_workspaceId_version_key" ON "Blueprint"("workspaceId", "version");

-- CreateIndex
CREATE INDEX "TenantObject_workspaceId_customerId_idx" ON "TenantObject"("workspaceId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "TenantObject_customerId_key_key" ON "TenantObject"("customerId", "key");

-- CreateIndex
CREATE INDEX "ProvisioningRun_customerId_createdAt_idx" ON "ProvisioningRun"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "ProvisioningRun_workspaceId_status_idx" ON "ProvisioningRun"("workspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningStep_runId_key_key" ON "ProvisioningStep"("runId", "key");

-- AddForeignKey
ALTER TABLE "Blueprint" ADD CONSTRAINT "Blueprint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Blueprint" ADD CONSTRAINT "Blueprint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "PortalUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantObject" ADD CONSTRAINT "TenantObject_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantObject" ADD CONSTRAINT "TenantObject_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningRun" ADD CONSTRAINT "ProvisioningRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningRun" ADD CONSTRAINT "ProvisioningRun_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningRun" ADD CONSTRAINT "ProvisioningRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "PortalUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningStep" ADD CONSTRAINT "ProvisioningStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ProvisioningRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

