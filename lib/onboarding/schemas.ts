import { z } from "zod";
import { domainProblem, normalizeDomain } from "./domain";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} has at most ${max} characters.`)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

const displayName = z
  .string({ message: "Enter the customer's name." })
  .trim()
  .min(1, "Enter the customer's name.")
  .max(120, "The name has at most 120 characters.");

const contactEmail = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.email("Enter a valid email address, or leave it empty.").max(254).optional())
  .optional();

export const createCustomerSchema = z.object({
  displayName,
  primaryDomain: z
    .string({ message: "Enter the customer's primary domain." })
    .superRefine((value, ctx) => {
      const problem = domainProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform(normalizeDomain),
  contactName: optionalText(120, "The contact name"),
  contactEmail,
});
export type CreateCustomerInput = z.infer<typeof createCustomerSchema>;

/** The domain is not editable: it is what the tenant was resolved from. */
export const updateCustomerSchema = z.object({
  customerId: z.uuid("Unknown customer."),
  displayName,
  contactName: optionalText(120, "The contact name"),
  contactEmail,
});
export type UpdateCustomerInput = z.infer<typeof updateCustomerSchema>;

export const deleteCustomerSchema = z.object({
  customerId: z.uuid("Unknown customer."),
  confirmation: z.string({ message: "Type the customer's name to confirm." }).max(200),
});
export type DeleteCustomerInput = z.infer<typeof deleteCustomerSchema>;

export const customerIdSchema = z.object({ customerId: z.uuid("Unknown customer.") });
export const inviteIdSchema = z.object({ customerId: z.uuid("Unknown customer."), inviteId: z.uuid("Unknown link.") });

export const CUSTOMER_SORTS = ["name", "status", "created"] as const;
export const customerListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(CUSTOMER_SORTS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;
