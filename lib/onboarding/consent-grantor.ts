import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";

export interface ConsentGrantor {
  name: string | null;
  upn: string | null;
  objectId: string | null;
}

/** The customer administrator whose verified sign-in proved the recorded consent, if any. */
export async function getConsentGrantor(user: CurrentUser, customerId: string): Promise<ConsentGrantor | null> {
  requirePermission(user, "customers:read");
  const row = await db.customer.findFirst({
    where: { id: customerId, workspaceId: user.workspace.id },
    select: { consentGrantedByName: true, consentGrantedByUpn: true, consentGrantedByObjectId: true },
  });
  if (!row || (!row.consentGrantedByUpn && !row.consentGrantedByObjectId)) return null;
  return { name: row.consentGrantedByName, upn: row.consentGrantedByUpn, objectId: row.consentGrantedByObjectId };
}
