-- CreateTable
CREATE TABLE "DriftCheck" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blueprintVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "high" INTEGER NOT NULL DEFAULT 0,
    "medium" INTEGER NOT NULL DEFAULT 0,
    "low" INTEGER NOT NULL DEFAULT 0,
    "items" JSONB NOT NULL DEFAULT '[]',
    "requests" INTEGER NOT NULL DEFAULT 0,
    "wallMs" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,

    CONSTRAINT "DriftCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DriftCheck_workspaceId_checkedAt_idx" ON "DriftCheck"("workspaceId", "checkedAt");

-- CreateIndex
CREATE INDEX "DriftCheck_customerId_checkedAt_idx" ON "DriftCheck"("customerId", "checkedAt");

-- AddForeignKey
ALTER TABLE "DriftCheck" ADD CONSTRAINT "DriftCheck_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftCheck" ADD CONSTRAINT "DriftCheck_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

