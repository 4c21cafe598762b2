import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import type { CustomerStatus } from "@/lib/generated/prisma/client";
import { accessPackageRequestUrl, defenderPortalUrl, myAccessUrl } from "@/lib/links";
import { compareNames } from "@/lib/utils/compare-names";

export interface LaunchpadEntry {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  status: CustomerStatus;
  myAccessUrl: string;
  defenderUrl: string;
  /** Each access package's request link, once provisioning has made the customer active. */
  packages: { key: string; displayName: string; url: string }[];
}

/** Customers whose tenant is known: the ones an analyst can request access to and work in. */
const REACHABLE: CustomerStatus[] = ["consented", "provisioning", "active", "needs_attention"];

export async function listLaunchpad(user: CurrentUser): Promise<LaunchpadEntry[]> {
  requirePermission(user, "launchpad:read");
  const rows = await db.customer.findMany({
    where: { workspaceId: user.workspace.id, status: { in: REACHABLE }, tenantId: { not: null } },
    select: {
      id: true,
      displayName: true,
      primaryDomain: true,
      status: true,
      tenantId: true,
      tenantObjects: {
        where: { workspaceId: user.workspace.id, kind: "accessPackage" },
        select: { key: true, displayName: true, graphId: true },
        orderBy: { key: "asc" },
      },
    },
  });
  return rows
    .map((c) => ({
      customerId: c.id,
      displayName: c.displayName,
      primaryDomain: c.primaryDomain,
      status: c.status,
      myAccessUrl: myAccessUrl(c.primaryDomain),
      defenderUrl: defenderPortalUrl(c.tenantId!),
      // Only an active customer's packages are known to be complete (policy and approvers set).
      packages:
        c.status === "active"
          ? c.tenantObjects.map((p) => ({ key: p.key, displayName: p.displayName, url: accessPackageRequestUrl(c.primaryDomain, p.graphId) }))
          : [],
    }))
    .sort((a, b) => compareNames(a.displayName, b.displayName));
}
