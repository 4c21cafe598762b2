-- The newest consent attempt of a link, so a state from an older attempt reads as superseded.
-- AlterTable
ALTER TABLE "ConsentInvite" ADD COLUMN     "stateAttempt" TEXT;
