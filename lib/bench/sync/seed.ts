/**
 * Bulk seed for the reader benchmark: 1,000 customers, 300 staff, 100,000 assignments and their
 * requests, written with generate_series (seconds, not minutes). Deterministic shapes: 10 % of
 * assignments expired, 5 % unmatched guests, expiries spread over the next 365 days.
 */
import pg from "pg";

export interface SeedSize { customers: number; staff: number; assignments: number; pendingRequests: number; decidedRequests: number }

export async function seedAccessData(databaseUrl: string, workspaceId: string, size: SeedSize): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "tenantId", status, "updatedAt")
      SELECT gen_random_uuid(), $1::uuid, 'Bench Customer ' || lpad(i::text, 4, '0'), 'bench-' || i || '.example', gen_random_uuid(),
             (CASE WHEN i % 50 = 0 THEN 'needs_attention' ELSE 'active' END)::"CustomerStatus", now()
      FROM generate_series(1, $2::int) i`, [workspaceId, size.customers]);
    await client.query(`
      INSERT INTO "PortalUser" (id, "workspaceId", "objectId", "tenantId", name, email, role, "updatedAt")
      SELECT gen_random_uuid(), $1::uuid, gen_random_uuid(), gen_random_uuid(), 'Staff ' || lpad(i::text, 3, '0'), 'staff' || i || '@mssp.example',
             (CASE WHEN i % 10 = 0 THEN 'approver' ELSE 'analyst' END)::"PortalRole", now()
      FROM generate_series(1, $2::int) i`, [workspaceId, size.staff]);
    await client.query(`
      INSERT INTO "CustomerSync" ("customerId", "workspaceId", "lastAttemptAt", "lastSuccessAt", failures, "failureCode", "failureReason", "nextSyncAt")
      SELECT id, "workspaceId", now(), now() - interval '5 minutes', CASE WHEN random() < 0.02 THEN 2 ELSE 0 END, NULL, NULL, now() + interval '10 minutes'
      FROM "Customer" WHERE "workspaceId" = $1::uuid`, [workspaceId]);
    await client.query(`UPDATE "CustomerSync" SET "failureCode" = 'throttled', "failureReason" = 'Microsoft Graph throttled the sync.' WHERE failures > 0 AND "workspaceId" = $1::uuid`, [workspaceId]);
    // Numbered customers and staff so assignments can pick them by arithmetic.
    await client.query(`CREATE TEMP TABLE c AS SELECT row_number() OVER (ORDER BY "displayName") n, id FROM "Customer" WHERE "workspaceId" = $1::uuid`, [workspaceId]);
    await client.query(`CREATE TEMP TABLE s AS SELECT row_number() OVER (ORDER BY name) n, id, email, name FROM "PortalUser" WHERE "workspaceId" = $1::uuid`, [workspaceId]);
    await client.query(`
      INSERT INTO "SyncedAssignment" (id, "workspaceId", "customerId", "graphId", "accessPackageId", "accessPackageName", tier, state, status,
        "targetObjectId", "targetDisplayName", "targetEmail", "targetPrincipalName", "portalUserId", "startAt", "expiresAt")
      SELECT gen_random_uuid(), $1::uuid, c.id, gen_random_uuid()::text, 'pkg-' || (i % 3), t.name, t.key,
             CASE WHEN i % 10 = 0 THEN 'expired' ELSE 'delivered' END, 'Delivered',
             gen_random_uuid()::text, CASE WHEN i % 20 = 1 THEN 'Guest ' || i ELSE s.name END,
             CASE WHEN i % 20 = 1 THEN 'guest' || i || '@elsewhere.example' ELSE s.email END, NULL,
             CASE WHEN i % 20 = 1 THEN NULL ELSE s.id END,
             now() - interval '200 days',
             CASE WHEN i % 10 = 0 THEN now() - (i % 300) * interval '1 day' ELSE now() + ((i * 7919) % 365) * interval '1 day' + (i % 1440) * interval '1 minute' END
      FROM generate_series(1, $2::int) i
      JOIN c ON c.n = 1 + (i % $3::int)
      JOIN s ON s.n = 1 + ((i / $3::int) % $4::int)
      JOIN (VALUES (0, 'tier1', 'Tier 1 Analyst'), (1, 'tier2', 'Tier 2 Analyst'), (2, 'approvers', 'MSSP Analyst Approvers')) t(k, key, name) ON t.k = i % 3`,
      [workspaceId, size.assignments, size.customers, size.staff]);
    await client.query(`
      INSERT INTO "SyncedRequest" (id, "workspaceId", "customerId", "graphId", "accessPackageId", "accessPackageName", tier, state, status, "requestType",
        justification, "requestorObjectId", "requestorName", "requestorEmail", "portalUserId", "requestedAt", "completedAt")
      SELECT gen_random_uuid(), $1::uuid, c.id, gen_random_uuid()::text, 'pkg-1', 'Tier 1 Analyst', 'tier1',
             CASE WHEN i <= $2::int THEN 'pendingApproval' WHEN i % 3 = 0 THEN 'denied' ELSE 'delivered' END, 'x', 'userAdd',
             'Ticket ' || i, gen_random_uuid()::text, s.name, s.email, s.id, now() - (i % 400) * interval '1 hour',
             CASE WHEN i <= $2::int THEN NULL ELSE now() - (i % 300) * interval '1 hour' END
      FROM generate_series(1, $2::int + $3::int) i
      JOIN c ON c.n = 1 + (i % $4::int)
      JOIN s ON s.n = 1 + (i % $5::int)`,
      [workspaceId, size.pendingRequests, size.decidedRequests, size.customers, size.staff]);
    // As autovacuum leaves a settled database: statistics, and a visibility map for index-only scans.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}
