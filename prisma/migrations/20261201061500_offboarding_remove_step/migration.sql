-- Offboarding steps: delete an object and read the deletion back.
ALTER TYPE "ProvisioningStepAction" ADD VALUE 'remove';
