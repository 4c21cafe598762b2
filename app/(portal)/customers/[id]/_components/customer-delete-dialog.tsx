"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog, FormDialogFooter } from "@/components/ui/form-dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast-store";
import type { ActionState } from "@/lib/auth/action";
import { deleteCustomerAction } from "../../actions";

function DeleteForm({ customerId, displayName, onCancel }: { customerId: string; displayName: string; onCancel: () => void }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  // Navigate from the action itself: once the customer is gone this page has nothing to show.
  const [state, formAction, pending] = useActionState(async (previous: ActionState<{ displayName: string }>, form: FormData) => {
    const next = await deleteCustomerAction(previous, form);
    if (next.status === "success") {
      toast({ title: next.message ?? "Customer deleted.", tone: "success" });
      router.replace("/customers");
    }
    return next;
  }, { status: "idle" });
  const matches = typed.trim().toLocaleLowerCase("en") === displayName.trim().toLocaleLowerCase("en");
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormError state={state} />
      <input type="hidden" name="customerId" value={customerId} />
      <FormField
        label={`Type ${displayName} to confirm`}
        error={state.status === "error" ? state.fieldErrors?.confirmation?.[0] : undefined}
      >
        <Input name="confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </FormField>
      <FormDialogFooter
        submitLabel="Delete customer"
        variant="danger"
        pending={pending}
        disabled={!matches || state.status === "success"}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Only offered while the customer never consented; the server checks that again. */
export function CustomerDeleteDialog({ customerId, displayName }: { customerId: string; displayName: string }) {
  return (
    <FormDialog
      trigger={
        <Button variant="outline" className="text-red-700">
          Delete
        </Button>
      }
      title={`Delete ${displayName}?`}
      description={
        <>
          The customer never consented, so Gatehouse created nothing in its tenant. Deleting removes the customer and its
          consent links; links already sent stop working. The audit trail keeps a record.
        </>
      }
    >
      {(close) => <DeleteForm customerId={customerId} displayName={displayName} onCancel={close} />}
    </FormDialog>
  );
}
