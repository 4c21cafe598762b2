"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { authorizedAction } from "@/lib/auth/action";
import { createCustomer } from "@/lib/data/customers";
import { issueInvite, revokeInvite } from "@/lib/onboarding/invites";
import { createCustomerSchema, customerIdSchema, inviteIdSchema } from "@/lib/onboarding/schemas";

export interface IssuedLink {
  customerId: string;
  link: string;
  expiresAt: string;
}

export const createCustomerAction = authorizedAction(createCustomerSchema, "customers:write", async (input, user) => {
  const issued = await db.$transaction(async (tx) => {
    const customer = await createCustomer(user, input, tx);
    const invite = await issueInvite(user, customer.id, tx);
    return { customerId: customer.id, link: invite.link, expiresAt: invite.expiresAt.toISOString() };
  });
  revalidatePath("/customers");
  return { data: issued satisfies IssuedLink, message: `${input.displayName} added. Send its admin the consent link.` };
});

export const issueInviteAction = authorizedAction(customerIdSchema, "invites:manage", async ({ customerId }, user) => {
  const invite = await db.$transaction((tx) => issueInvite(user, customerId, tx));
  revalidatePath(`/customers/${customerId}`);
  return {
    data: { customerId, link: invite.link, expiresAt: invite.expiresAt.toISOString() } satisfies IssuedLink,
    message: "New consent link ready. Earlier links no longer work.",
  };
});

export const revokeInviteAction = authorizedAction(inviteIdSchema, "invites:manage", async ({ customerId, inviteId }, user) => {
  await revokeInvite(user, customerId, inviteId);
  revalidatePath(`/customers/${customerId}`);
  return { data: { inviteId }, message: "Link revoked. It no longer works." };
});
