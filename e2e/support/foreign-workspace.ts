import { randomUUID } from "node:crypto";
import type pg from "pg";

/**
 * Another MSSP in the same deployment, with one customer, written straight to the database as its
 * own admins would have created them. Names are unique per call.
 */
export async function insertForeignWorkspace(db: pg.Client): Promise<{ workspaceId: string; customerId: string; customerName: string }> {
  const workspaceId = randomUUID();
  const customerId = randomUUID();
  const tag = workspaceId.slice(0, 8);
  const customerName = `Victim ${tag}`;
  await db.query(
    `INSERT INTO "Workspace" (id, name, "tenantId", "primaryDomain", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [workspaceId, `Adatum ${tag}`, randomUUID(), `adatum-${tag}.example`],
  );
  await db.query(
    `INSERT INTO "Customer" (id, "workspaceId", "displayName", "primaryDomain", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [customerId, workspaceId, customerName, `victim-${tag}.example`],
  );
  return { workspaceId, customerId, customerName };
}
