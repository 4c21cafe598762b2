"use client";

import Link from "next/link";
import { useActionState } from "react";
import { IssuedLink } from "@/components/customers/issued-link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { FormDialog, FormDialogFooter } from "@/components/ui/form-dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/auth/action";
import { createCustomerAction, type IssuedLink as IssuedLinkData } from "../actions";

const initial: ActionState<IssuedLinkData> = { status: "idle" };

function AddCustomerForm({ onDone }: { onDone: () => void }) {
  const [state, formAction, pending] = useActionState(createCustomerAction, initial);
  if (state.status === "success") {
    return (
      <>
        <Alert tone="success">{state.message}</Alert>
        <IssuedLink link={state.data.link} expiresAt={state.data.expiresAt} />
        <DialogFooter>
          <Link href={`/customers/${state.data.customerId}`} className={buttonClassName({ variant: "outline" })} onClick={onDone}>
            Open customer
          </Link>
          <Button onClick={onDone}>Done</Button>
        </DialogFooter>
      </>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  const values = state.status === "error" ? state.values ?? {} : {};
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormError state={state} />
      <FormField label="Customer name" error={errors.displayName?.[0]} required>
        <Input name="displayName" defaultValue={values.displayName} autoComplete="organization" />
      </FormField>
      <FormField
        label="Primary domain"
        description="A domain verified in the customer's Microsoft Entra tenant, e.g. contoso.com."
        error={errors.primaryDomain?.[0]}
        required
      >
        <Input name="primaryDomain" defaultValue={values.primaryDomain} placeholder="contoso.com" autoComplete="off" />
      </FormField>
      <FormField label="Contact name" error={errors.contactName?.[0]}>
        <Input name="contactName" defaultValue={values.contactName} autoComplete="name" />
      </FormField>
      <FormField label="Contact email" error={errors.contactEmail?.[0]}>
        <Input name="contactEmail" type="email" defaultValue={values.contactEmail} autoComplete="email" />
      </FormField>
      <FormDialogFooter submitLabel="Add customer" pending={pending} onCancel={onDone} />
    </form>
  );
}

export function AddCustomerDialog() {
  return (
    <FormDialog
      trigger={<Button>Add customer</Button>}
      title="Add a customer"
      description={
        <>
          Gatehouse asks Microsoft which tenant owns the domain, then creates a single-use consent link for the
          customer&apos;s Global Administrator.
        </>
      }
    >
      {(close) => <AddCustomerForm onDone={close} />}
    </FormDialog>
  );
}
