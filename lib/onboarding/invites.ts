import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit, userActor } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { AppError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TenantOfDomain } from "@/lib/graph/tenant-lookup";
import { createCustomer } from "@/lib/data/customers";
import { acceptsConsentLinks } from "./customer-status";
import { generateInviteToken, hashInviteToken, inviteState } from "./invite-token";
import type { CreateCustomerInput } from "./schemas";

export interface IssuedInvite {
  inviteId: string;
  /** The only time the link exists in clear: the database keeps its hash. */
  link: string;
  expiresAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function consentLink(token: string): string {
  return new URL(`/consent/${token}`, env.AUTH_URL).toString();
}

/** Issues a new link and revokes any link still active, so at most one works at a time. */
export async function issueInvite(
  user: CurrentUser,
  customerId: string,
  tx: Prisma.TransactionClient,
  now = new Date(),
): Promise<IssuedInvite> {
  requirePermission(user, "invites:manage");
  // Lock the customer's row first: concurrent issues (a double click, two admins) then run one
  // after the other, and each revokes the link the previous one made. Without it, each saw the
  // same old link and both new links stayed active.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Customer" WHERE id = ${customerId}::uuid AND "workspaceId" = ${user.workspace.id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("The customer");
  const customer = await tx.customer.findFirst({
    where: { id: customerId, workspaceId: user.workspace.id },
    select: { id: true, status: true },
  });
  if (!customer) throw new NotFoundError("The customer");
  if (!acceptsConsentLinks(customer.status)) {
    throw new AppError("This customer is being offboarded; it cannot be invited again.", 409, "customer_closed");
  }
  const replaced = await tx.consentInvite.updateMany({
    where: { customerId, workspaceId: user.workspace.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now, stateNonce: null },
  });
  const token = generateInviteToken();
  const expiresAt = new Date(now.getTime() + env.CONSENT_INVITE_TTL_DAYS * DAY_MS);
  const invite = await tx.consentInvite.create({
    data: {
      workspaceId: user.workspace.id,
      customerId,
      tokenHash: hashInviteToken(token),
      expiresAt,
      createdById: user.id,
    },
    select: { id: true },
  });
  await recordAudit(
    {
      workspaceId: user.workspace.id,
      actor: userActor(user.objectId),
      action: "invite.issued",
      target: `customer:${customerId}`,
      details: { inviteId: invite.id, expiresAt: expiresAt.toISOString(), revokedPrevious: replaced.count },
    },
    tx,
  );
  return { inviteId: invite.id, link: consentLink(token), expiresAt };
}

export async function revokeInvite(user: CurrentUser, customerId: string, inviteId: string, now = new Date()): Promise<void> {
  requirePermission(user, "invites:manage");
  await db.$transaction(async (tx) => {
    const invite = await tx.consentInvite.findFirst({
      where: { id: inviteId, customerId, workspaceId: user.workspace.id },
      select: { id: true, usedAt: true, revokedAt: true, expiresAt: true },
    });
    if (!invite) throw new NotFoundError("The consent link");
    const state = inviteState(invite, now);
    if (state !== "active") throw new AppError(`This link is already ${state}.`, 409, "invite_not_active");
    // Conditional, so a consent completing at this moment wins or loses cleanly, never both.
    const revoked = await tx.consentInvite.updateMany({
      where: { id: invite.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now, stateNonce: null },
    });
    if (revoked.count !== 1) throw new AppError("This link was used or revoked a moment ago.", 409, "invite_not_active");
    await recordAudit(
      {
        workspaceId: user.workspace.id,
        actor: userActor(user.objectId),
        action: "invite.revoked",
        target: `customer:${customerId}`,
        details: { inviteId },
      },
      tx,
    );
  });
}

/** Adds a customer and its first consent link in one transaction: both exist, or neither. */
export async function onboardCustomer(
  user: CurrentUser,
  input: CreateCustomerInput,
  tenant?: TenantOfDomain,
): Promise<IssuedInvite & { customerId: string }> {
  return db.$transaction(async (tx) => {
    const customer = await createCustomer(user, input, tx, tenant);
    return { customerId: customer.id, ...(await issueInvite(user, customer.id, tx)) };
  });
}

export async function reissueInvite(user: CurrentUser, customerId: string): Promise<IssuedInvite> {
  return db.$transaction((tx) => issueInvite(user, customerId, tx));
}
