-- A tenant is the customer of at most one workspace in the whole deployment: one app
-- registration serves every workspace, so a second claim on a tenant would hand one MSSP's
-- provisioning into a tenant another MSSP onboarded.
-- DropIndex
DROP INDEX "Customer_workspaceId_tenantId_key";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "consentGrantedByName" TEXT,
ADD COLUMN     "consentGrantedByObjectId" UUID,
ADD COLUMN     "consentGrantedByUpn" TEXT,
ADD COLUMN     "resolvedTenantId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Customer_tenantId_key" ON "Customer"("tenantId");

-- A workspace's own MSSP tenant is never a customer, in either order of events. The lock on
-- the other table's rows is not needed: a workspace tenant id and a customer tenant id are each
-- unique, and both triggers read committed rows of the other table under their own insert.
CREATE FUNCTION "Customer_not_a_workspace_tenant"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."tenantId" IS NOT NULL AND EXISTS (SELECT 1 FROM "Workspace" WHERE "tenantId" = NEW."tenantId") THEN
    RAISE EXCEPTION 'tenant % is an MSSP workspace tenant and cannot be a customer', NEW."tenantId"
      USING ERRCODE = '23514', CONSTRAINT = 'Customer_not_a_workspace_tenant';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Customer_not_a_workspace_tenant"
BEFORE INSERT OR UPDATE OF "tenantId" ON "Customer"
FOR EACH ROW EXECUTE FUNCTION "Customer_not_a_workspace_tenant"();

CREATE FUNCTION "Workspace_not_a_customer_tenant"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Customer" WHERE "tenantId" = NEW."tenantId") THEN
    RAISE EXCEPTION 'tenant % is already a customer tenant and cannot be an MSSP workspace', NEW."tenantId"
      USING ERRCODE = '23514', CONSTRAINT = 'Workspace_not_a_customer_tenant';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Workspace_not_a_customer_tenant"
BEFORE INSERT OR UPDATE OF "tenantId" ON "Workspace"
FOR EACH ROW EXECUTE FUNCTION "Workspace_not_a_customer_tenant"();
