"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
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
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
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
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Save changes
        </Button>
      </DialogFooter>
    </form>
  );
}

export function CustomerEditDialog({ customer }: { customer: EditableCustomer }) {
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setFormKey((k) => k + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">Edit</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit customer</DialogTitle>
          <DialogDescription>
            The domain {customer.primaryDomain} stays: the customer&apos;s tenant was resolved from it. To use another domain,
            delete this customer before it consents and add it again.
          </DialogDescription>
        </DialogHeader>
        <EditForm key={formKey} customer={customer} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
