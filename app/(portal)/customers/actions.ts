"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import { addCustomer } from "@/lib/onboarding/add-customer";
import { reissueInvite, revokeInvite } from "@/lib/onboarding/invites";
import { deleteCustomer, updateCustomer } from "@/lib/data/customer-edits";
import {
  createCustomerSchema,
  customerIdSchema,
  deleteCustomerSchema,
  inviteIdSchema,
  updateCustomerSchema,
} from "@/lib/onboarding/schemas";

export interface IssuedLink {
  customerId: string;
  link: string;
  expiresAt: string;
}

export const createCustomerAction = authorizedAction(createCustomerSchema, "customers:write", async (input, user) => {
  const invite = await addCustomer(user, input);
  revalidatePath("/customers");
  return {
    data: { customerId: invite.customerId, link: invite.link, expiresAt: invite.expiresAt.toISOString() } satisfies IssuedLink,
    message: `${input.displayName} added. Send its admin the consent link.`,
  };
});

export const issueInviteAction = authorizedAction(customerIdSchema, "invites:manage", async ({ customerId }, user) => {
  const invite = await reissueInvite(user, customerId);
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

export const updateCustomerAction = authorizedAction(updateCustomerSchema, "customers:write", async (input, user) => {
  const { changed } = await updateCustomer(user, input);
  revalidatePath(`/customers/${input.customerId}`);
  revalidatePath("/customers");
  return { data: { changed }, message: changed.length ? "Customer updated." : "Nothing changed." };
});

export const deleteCustomerAction = authorizedAction(deleteCustomerSchema, "customers:write", async (input, user) => {
  // No revalidation here: it would re-render the deleted customer's page as "not found" before
  // the dialog moves on to the (always freshly rendered) list.
  const { displayName } = await deleteCustomer(user, input);
  return { data: { displayName }, message: `${displayName} was deleted.` };
});
