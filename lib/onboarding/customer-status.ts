import type { CustomerStatus } from "@/lib/generated/prisma/enums";

/** A customer being offboarded (or gone) is never invited again. */
export function acceptsConsentLinks(status: CustomerStatus): boolean {
  return status !== "offboarding" && status !== "offboarded";
}
