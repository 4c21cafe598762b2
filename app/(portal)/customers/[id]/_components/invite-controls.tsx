"use client";

import { useActionState } from "react";
import { IssuedLink } from "@/components/customers/issued-link";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { FormDialog, FormDialogFooter } from "@/components/ui/form-dialog";
import { FormError } from "@/components/ui/form-error";
import type { ActionState } from "@/lib/auth/action";
import { issueInviteAction, revokeInviteAction, type IssuedLink as IssuedLinkData } from "../../actions";

export function IssueLinkForm({ customerId, label, variant }: { customerId: string; label: string; variant: ButtonVariant }) {
  const [state, formAction, pending] = useActionState(issueInviteAction, { status: "idle" } as ActionState<IssuedLinkData>);
  return (
    <div className="grid gap-3">
      <FormError state={state} />
      {state.status === "success" && <IssuedLink link={state.data.link} expiresAt={state.data.expiresAt} />}
      <form action={formAction}>
        <input type="hidden" name="customerId" value={customerId} />
        <Button type="submit" variant={variant} pending={pending}>
          {label}
        </Button>
      </form>
    </div>
  );
}

function RevokeForm({ customerId, inviteId, onCancel }: { customerId: string; inviteId: string; onCancel: () => void }) {
  const [state, formAction, pending] = useActionState(revokeInviteAction, { status: "idle" } as ActionState<{ inviteId: string }>);
  return (
    <form action={formAction} className="grid gap-3">
      <FormError state={state} />
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      <FormDialogFooter submitLabel="Revoke link" variant="danger" pending={pending} cancelLabel="Keep the link" onCancel={onCancel} />
    </form>
  );
}

/** Revoking cannot be undone, so it asks first; the page refreshes once it is done. */
export function RevokeLinkButton({ customerId, inviteId }: { customerId: string; inviteId: string }) {
  return (
    <FormDialog
      trigger={
        <Button variant="ghost" size="sm">
          Revoke
        </Button>
      }
      title="Revoke this consent link?"
      description="The customer's admin can no longer use it, even if they already opened it. You can create a new link afterwards."
    >
      {(close) => <RevokeForm customerId={customerId} inviteId={inviteId} onCancel={close} />}
    </FormDialog>
  );
}
