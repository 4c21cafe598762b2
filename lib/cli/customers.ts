import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError, ConflictError, InvalidInputError } from "@/lib/errors";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { acceptsConsentLinks } from "@/lib/onboarding/customer-status";
import { generateInviteToken, hashInviteToken } from "@/lib/onboarding/invite-token";
import { consentLink } from "@/lib/onboarding/invites";
import { createCustomerSchema } from "@/lib/onboarding/schemas";

/**
 * Customer writes of the CLI: the portal's rules (the same schema, one active link, offboarded
 * customers closed), with the actor `cli` instead of a signed-in user, and no creator row.
 */

export const CLI_ACTOR = "cli";
const DAY_MS = 24 * 60 * 60 * 1000;

export async function issueInviteAsCli(workspaceId: string, customerId: string, tx: Prisma.TransactionClient, now = new Date()) {
  const customer = await tx.customer.findFirst({ where: { id: customerId, workspaceId }, select: { id: true, status: true } });
  if (!customer) throw new AppError("The customer was not found.", 404, "not_found");
  if (!acceptsConsentLinks(customer.status)) throw new AppError("This customer is being offboarded; it cannot be invited again.", 409, "customer_closed");
  const replaced = await tx.consentInvite.updateMany({ where: { customerId, workspaceId, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now, stateNonce: null } });
  const token = generateInviteToken();
  const expiresAt = new Date(now.getTime() + env.CONSENT_INVITE_TTL_DAYS * DAY_MS);
  const invite = await tx.consentInvite.create({ data: { workspaceId, customerId, tokenHash: hashInviteToken(token), expiresAt }, select: { id: true } });
  await recordAudit({ workspaceId, actor: CLI_ACTOR, action: "invite.issued", target: `customer:${customerId}`, details: { inviteId: invite.id, expiresAt: expiresAt.toISOString(), revokedPrevious: replaced.count } }, tx);
  return { inviteId: invite.id, link: consentLink(token), expiresAt };
}

export async function addCustomerAsCli(workspaceId: string, raw: { displayName?: string; primaryDomain?: string; contactName?: string; contactEmail?: string }) {
  const parsed = createCustomerSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join(" "));
  const input = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      const duplicate = await tx.customer.findFirst({ where: { workspaceId, primaryDomain: input.primaryDomain }, select: { displayName: true } });
      if (duplicate) throw new InvalidInputError(`${input.primaryDomain} already belongs to ${duplicate.displayName}.`);
      const customer = await tx.customer.create({
        data: { workspaceId, displayName: input.displayName, primaryDomain: input.primaryDomain, contactName: input.contactName ?? null, contactEmail: input.contactEmail ?? null },
        select: { id: true, displayName: true, primaryDomain: true, status: true },
      });
      await recordAudit({ workspaceId, actor: CLI_ACTOR, action: "customer.created", target: `customer:${customer.id}`, details: { displayName: input.displayName, primaryDomain: input.primaryDomain } }, tx);
      return { customer, invite: await issueInviteAsCli(workspaceId, customer.id, tx) };
    });
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002") throw new ConflictError(`${input.primaryDomain} was just added by someone else.`);
    throw error;
  }
}
