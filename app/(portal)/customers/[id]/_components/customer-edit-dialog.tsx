"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog, FormDialogFooter } from "@/components/ui/form-dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/auth/action";
import { updateCustomerAction } from "../../actions";

export interface EditableCustomer {
  id: string;
  displayName: string;
  primaryDomain: string;
  contactName: string | null;
  contactEmail: string | null;
}

function EditForm({ customer, onDone }: { customer: EditableCustomer; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(
    async (previous: ActionState<{ changed: string[] }>, form: FormData) => {
      const next = await updateCustomerAction(previous, form);
      if (next.status === "success") onDone();
      return next;
    },
    { status: "idle" },
  );
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  // After an error the typed values come back, so nothing typed is lost.
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormError state={state} />
      <input type="hidden" name="customerId" value={customer.id} />
      <FormField label="Customer name" error={errors.displayName?.[0]} required>
        <Input name="displayName" defaultValue={values.displayName ?? customer.displayName} autoComplete="organization" />
      </FormField>
      <FormField label="Contact name" error={errors.contactName?.[0]}>
        <Input name="contactName" defaultValue={values.contactName ?? customer.contactName ?? ""} autoComplete="name" />
      </FormField>
      <FormField label="Contact email" error={errors.contactEmail?.[0]}>
        <Input name="contactEmail" type="email" defaultValue={values.contactEmail ?? customer.contactEmail ?? ""} autoComplete="email" />
      </FormField>
      <FormDialogFooter submitLabel="Save changes" pending={pending} onCancel={onDone} />
    </form>
  );
}

export function CustomerEditDialog({ customer }: { customer: EditableCustomer }) {
  return (
    <FormDialog
      trigger={<Button variant="outline">Edit</Button>}
      title="Edit customer"
      description={
        <>
          The domain {customer.primaryDomain} stays: the customer&apos;s tenant was resolved from it. To use another domain,
          delete this customer before it consents and add it again.
        </>
      }
    >
      {(close) => <EditForm customer={customer} onDone={close} />}
    </FormDialog>
  );
}
