// A stand-in for the provisioning engine with the engine's contract, for testing the job layer:
// it holds a session advisory lock per customer while it works, records every step on the real
// ProvisioningRun/ProvisioningStep tables, records each "created object" (TenantObject) before
// it marks the step done, and resumes a run from its records. It also counts how many applies of
// one customer are inside the lock at once, in a table the tests read.
import { randomUUID } from "node:crypto";
import pg from "pg";

/** Its own queue: real workers of a parallel test file never take these jobs, nor these workers theirs. */
export const FAKE_QUEUE = "test-provisioning-apply";

export const FAKE_STEPS = ["group:tier1", "group:tier2", "group:approvers", "catalog", "package:tier1", "package:tier2", "package:approvers", "policy:tier1"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function ensureOverlapTable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE IF NOT EXISTS job_test_overlap (customer_id uuid PRIMARY KEY, max_active int NOT NULL DEFAULT 0, creates int NOT NULL DEFAULT 0)`);
  // Who is inside a customer's apply now, by database session: a killed worker's row is ignored
  // once its session is gone, so a crash never looks like an overlap.
  await client.query(`CREATE TABLE IF NOT EXISTS job_test_inside (customer_id uuid NOT NULL, backend_pid int NOT NULL)`);
  await client.end();
}

export function fakeEngine(url: string, stepMs: number) {
  return {
    async nextUnfinishedRun(scope: { workspaceId: string; customerId: string }): Promise<string | null> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ id: string }>(
          `SELECT id FROM "ProvisioningRun" WHERE "workspaceId" = $1 AND "customerId" = $2 AND status IN ('queued','running') ORDER BY "createdAt" LIMIT 1`,
          [scope.workspaceId, scope.customerId],
        );
        return rows[0]?.id ?? null;
      } finally {
        await client.end();
      }
    },

    async executeRun(runId: string, { signal }: { signal: AbortSignal }): Promise<string> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ customerId: string; workspaceId: string }>(`SELECT "customerId", "workspaceId" FROM "ProvisioningRun" WHERE id = $1`, [runId]);
        const run = rows[0];
        if (!run) throw new Error(`no run ${runId}`);
        await client.query(`SELECT pg_advisory_lock(hashtext($1)::bigint)`, [run.customerId]);
        await client.query(`DELETE FROM job_test_inside WHERE backend_pid NOT IN (SELECT pid FROM pg_stat_activity)`);
        await client.query(`INSERT INTO job_test_inside VALUES ($1, pg_backend_pid())`, [run.customerId]);
        await client.query(
          `INSERT INTO job_test_overlap (customer_id, max_active) VALUES ($1, (SELECT count(*) FROM job_test_inside WHERE customer_id = $1))
           ON CONFLICT (customer_id) DO UPDATE SET max_active = GREATEST(job_test_overlap.max_active, EXCLUDED.max_active)`,
          [run.customerId],
        );
        try {
          const status = await client.query<{ status: string }>(`SELECT status FROM "ProvisioningRun" WHERE id = $1`, [runId]);
          if (!["queued", "running"].includes(status.rows[0]!.status)) return status.rows[0]!.status;
          await client.query(`UPDATE "ProvisioningRun" SET status = 'running', "stepsTotal" = $2, "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now() WHERE id = $1`, [runId, FAKE_STEPS.length]);
          for (const [position, key] of FAKE_STEPS.entries()) {
            if (signal.aborted) return "running";
            await client.query(
              `INSERT INTO "ProvisioningStep" (id, "runId", key, position, action, kind, title, reason, status, "startedAt") VALUES ($1, $2, $3, $4, 'create', 'group', $3, 'test', 'pending', now()) ON CONFLICT ("runId", key) DO NOTHING`,
              [randomUUID(), runId, key, position],
            );
            const step = await client.query<{ status: string }>(`SELECT status FROM "ProvisioningStep" WHERE "runId" = $1 AND key = $2`, [runId, key]);
            if (step.rows[0]!.status === "succeeded") continue;
            // "Observe": an object recorded by an interrupted attempt is not created again.
            const known = await client.query(`SELECT 1 FROM "TenantObject" WHERE "customerId" = $1 AND key = $2`, [run.customerId, key]);
            if (known.rowCount === 0) {
              await sleep(stepMs);
              await client.query(
                `INSERT INTO "TenantObject" (id, "workspaceId", "customerId", key, kind, "graphId", "displayName", "updatedAt") VALUES ($1, $2, $3, $4, 'group', $5, $4, now())`,
                [randomUUID(), run.workspaceId, run.customerId, key, randomUUID()],
              );
              await client.query(`UPDATE job_test_overlap SET creates = creates + 1 WHERE customer_id = $1`, [run.customerId]);
            }
            await client.query(`UPDATE "ProvisioningStep" SET status = 'succeeded', "finishedAt" = now() WHERE "runId" = $1 AND key = $2`, [runId, key]);
            await client.query(`UPDATE "ProvisioningRun" SET "stepsDone" = $2, "updatedAt" = now() WHERE id = $1`, [runId, position + 1]);
          }
          await client.query(`UPDATE "ProvisioningRun" SET status = 'succeeded', "finishedAt" = now(), "updatedAt" = now() WHERE id = $1`, [runId]);
          return "succeeded";
        } finally {
          await client.query(`DELETE FROM job_test_inside WHERE backend_pid = pg_backend_pid()`);
          await client.query(`SELECT pg_advisory_unlock(hashtext($1)::bigint)`, [run.customerId]);
        }
      } finally {
        await client.end();
      }
    },
  };
}
