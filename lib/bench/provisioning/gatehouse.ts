/**
 * Gatehouse as the benchmark drives it: the real engine, job worker and consent callback,
 * imported only after setup.ts has pointed the environment at the emulator and the bench
 * database (lib/env reads it once, at import).
 */
import type { BenchTenant } from "./world.ts";

export const MSSP_TENANT = "74361f78-e191-4c87-ac08-85e9f5f72879";
const TERMINAL = ["succeeded", "failed", "needs_attention", "blocked"];
const GRANTED = ["EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All", "GroupMember.ReadWrite.All", "CrossTenantInformation.ReadBasic.All", "RoleManagement.ReadWrite.Defender", "Organization.Read.All"];

export async function loadGatehouse() {
  const { db } = await import("../../db.ts");
  const { env } = await import("../../env.ts");
  const engine = await import("../../provisioning/index.ts");
  const { startWorker } = await import("../../jobs/worker.ts");
  const { jobDefinitions } = await import("../../jobs/registry.ts");
  const { requestProvisioning } = await import("../../jobs/provisioning-requests.ts");
  const { producer } = await import("../../jobs/queue.ts");
  const { createCustomer } = await import("../../data/customers.ts");
  const { issueInvite } = await import("../../onboarding/invites.ts");
  const { beginConsent } = await import("../../onboarding/consent-start.ts");
  const { handleConsentCallback } = await import("../../onboarding/consent-callback.ts");
  const { handleAdminSignIn } = await import("../../onboarding/consent-sign-in.ts");

  const workspace = await db.workspace.create({ data: { name: "Northwind Defense", tenantId: MSSP_TENANT, primaryDomain: "northwinddefense.com" }, select: { id: true, name: true, tenantId: true, primaryDomain: true } });
  const adminRow = await db.portalUser.create({
    data: { workspaceId: workspace.id, objectId: "4332607b-d1a5-5524-ad9f-326ec07cd6b2", tenantId: MSSP_TENANT, name: "Avery Admin", email: "admin@northwinddefense.com", role: "admin" },
    select: { id: true, objectId: true, name: true, email: true },
  });
  const admin = { ...adminRow, role: "admin" as const, workspace };

  /** A customer whose consent is already proven (the registry starts empty). */
  const consentedCustomer = (t: BenchTenant) =>
    db.customer.create({
      data: {
        workspaceId: workspace.id, displayName: t.displayName, primaryDomain: t.domain, tenantId: t.id, tenantName: t.displayName, status: "consented",
        consentedAt: new Date(), grantedRoles: GRANTED, consentGrantedByObjectId: t.adminObjectId, consentGrantedByName: `${t.displayName} Admin`, consentGrantedByUpn: `admin@${t.domain}`,
      },
      select: { id: true },
    }).then((c) => c.id);

  /** Polls until the customer's latest run has ended; returns it. */
  const settledRun = async (customerId: string, pollMs = 25) => {
    for (;;) {
      const run = await db.provisioningRun.findFirst({ where: { customerId }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, createdAt: true, startedAt: true, finishedAt: true, errorMessage: true, attentionReason: true } });
      if (run && TERMINAL.includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };

  /** The job producer and Prisma hold connections: close them before the database is dropped. */
  const shutdown = async () => {
    await (await producer(jobDefinitions)).stop({ graceful: false, close: true, wait: true });
    await db.$disconnect();
  };

  return { shutdown, db, env, engine, startWorker, jobDefinitions, requestProvisioning, createCustomer, issueInvite, beginConsent, handleAdminSignIn, handleConsentCallback, workspace, admin, consentedCustomer, settledRun };
}

export type Gatehouse = Awaited<ReturnType<typeof loadGatehouse>>;
