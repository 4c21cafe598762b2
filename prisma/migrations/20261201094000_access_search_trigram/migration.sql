-- The access matrix searches names, e-mail addresses and domains with ILIKE '%…%': trigram GIN
-- indexes serve it. pg_trgm ships with PostgreSQL (contrib) and with embedded-postgres.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Customer_displayName_idx" ON "Customer" USING GIN ("displayName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Customer_primaryDomain_idx" ON "Customer" USING GIN ("primaryDomain" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "PortalUser_name_idx" ON "PortalUser" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "PortalUser_email_idx" ON "PortalUser" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "SyncedAssignment_targetDisplayName_idx" ON "SyncedAssignment" USING GIN ("targetDisplayName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "SyncedAssignment_targetEmail_idx" ON "SyncedAssignment" USING GIN ("targetEmail" gin_trgm_ops);

