"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
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
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
      <input type="hidden" name="customerId" value={customerId} />
      <FormField
        label={`Type ${displayName} to confirm`}
        error={state.status === "error" ? state.fieldErrors?.confirmation?.[0] : undefined}
      >
        <Input name="confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </FormField>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" pending={pending} disabled={!matches || state.status === "success"}>
          Delete customer
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Only offered while the customer never consented; the server checks that again. */
export function CustomerDeleteDialog({ customerId, displayName }: { customerId: string; displayName: string }) {
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
        <Button variant="outline" className="text-red-700">
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete {displayName}?</DialogTitle>
          <DialogDescription>
            The customer never consented, so Gatehouse created nothing in its tenant. Deleting removes the customer and its
            consent links; links already sent stop working. The audit trail keeps a record.
          </DialogDescription>
        </DialogHeader>
        <DeleteForm key={formKey} customerId={customerId} displayName={displayName} onCancel={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
