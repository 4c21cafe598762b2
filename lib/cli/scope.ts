import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isGuid } from "@/lib/utils/guid";
import { UsageError } from "./args";

/** Which MSSP and which customer a command means; the CLI never guesses between several. */

export interface CliWorkspace {
  id: string;
  name: string;
  primaryDomain: string;
}

export async function resolveWorkspace(domain: string | undefined): Promise<CliWorkspace> {
  const all = await db.workspace.findMany({ select: { id: true, name: true, primaryDomain: true }, orderBy: { primaryDomain: "asc" } });
  if (domain) {
    const found = all.find((w) => w.primaryDomain.toLowerCase() === domain.trim().toLowerCase());
    if (!found) throw new NotFoundError(`The workspace ${domain}`);
    return found;
  }
  if (all.length === 0) throw new NotFoundError("A workspace (finish the portal's setup first)");
  if (all.length > 1) throw new UsageError(`This database holds ${all.length} workspaces (${all.map((w) => w.primaryDomain).join(", ")}); pass --workspace <domain>.`);
  return all[0]!;
}

export async function resolveCustomer(workspaceId: string, ref: string | undefined): Promise<{ id: string; displayName: string; primaryDomain: string }> {
  if (!ref) throw new UsageError("Name the customer (its domain or id).");
  const value = ref.trim().toLowerCase();
  const customer = await db.customer.findFirst({
    where: { workspaceId, ...(isGuid(value) ? { id: value } : { primaryDomain: value }) },
    select: { id: true, displayName: true, primaryDomain: true },
  });
  if (!customer) throw new NotFoundError(`The customer ${ref}`);
  return customer;
}
