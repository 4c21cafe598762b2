// Bootstraps the workspace of the MSSP whose Entra tenant this deployment serves.
// Used by `npm start` (demo or env) and `npm run db:seed`.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client.ts";

export interface WorkspaceSeed {
  tenantId: string;
  primaryDomain: string;
  name: string;
}

export function createSeedClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/** Idempotent: re-running updates the name and domain, keyed by the tenant id. */
export async function seedWorkspace(prisma: PrismaClient, seed: WorkspaceSeed): Promise<{ id: string; created: boolean }> {
  const existing = await prisma.workspace.findUnique({ where: { tenantId: seed.tenantId }, select: { id: true } });
  const workspace = await prisma.workspace.upsert({
    where: { tenantId: seed.tenantId },
    create: { tenantId: seed.tenantId, primaryDomain: seed.primaryDomain.toLowerCase(), name: seed.name },
    update: { primaryDomain: seed.primaryDomain.toLowerCase(), name: seed.name },
    select: { id: true },
  });
  if (!existing) {
    await prisma.auditEvent.create({
      data: {
        workspaceId: workspace.id,
        actor: "system",
        action: "workspace.created",
        target: `workspace:${workspace.id}`,
        details: { tenantId: seed.tenantId, primaryDomain: seed.primaryDomain, name: seed.name },
      },
    });
  }
  return { id: workspace.id, created: !existing };
}

/** Seeds the workspace named by validated GATEHOUSE_MSSP_* values; null when they are not set. */
export async function seedWorkspaceFromEnv(
  databaseUrl: string,
  env: { GATEHOUSE_MSSP_TENANT_ID?: string; GATEHOUSE_MSSP_DOMAIN?: string; GATEHOUSE_MSSP_NAME?: string },
): Promise<{ id: string; created: boolean } | null> {
  if (!env.GATEHOUSE_MSSP_TENANT_ID || !env.GATEHOUSE_MSSP_DOMAIN) return null;
  const prisma = createSeedClient(databaseUrl);
  try {
    return await seedWorkspace(prisma, {
      tenantId: env.GATEHOUSE_MSSP_TENANT_ID,
      primaryDomain: env.GATEHOUSE_MSSP_DOMAIN,
      name: env.GATEHOUSE_MSSP_NAME ?? env.GATEHOUSE_MSSP_DOMAIN,
    });
  } finally {
    await prisma.$disconnect();
  }
}
