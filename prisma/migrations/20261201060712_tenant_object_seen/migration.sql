-- AlterTable
ALTER TABLE "TenantObject" ADD COLUMN     "seenAt" TIMESTAMP(3);

