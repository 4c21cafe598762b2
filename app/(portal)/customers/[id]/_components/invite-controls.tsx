"use client";

import { useActionState, useState } from "react";
import { IssuedLink } from "@/components/customers/issued-link";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/auth/action";
import { issueInviteAction, revokeInviteAction, type IssuedLink as IssuedLinkData } from "../../actions";

export function IssueLinkForm({ customerId, label, variant }: { customerId: string; label: string; variant: ButtonVariant }) {
  const [state, formAction, pending] = useActionState(issueInviteAction, { status: "idle" } as ActionState<IssuedLinkData>);
  return (
    <div className="grid gap-3">
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
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
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Keep the link
        </Button>
        <Button type="submit" variant="danger" pending={pending}>
          Revoke link
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Revoking cannot be undone, so it asks first; the page refreshes once it is done. */
export function RevokeLinkButton({ customerId, inviteId }: { customerId: string; inviteId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Revoke this consent link?</DialogTitle>
          <DialogDescription>
            The customer&apos;s admin can no longer use it, even if they already opened it. You can create a new link afterwards.
          </DialogDescription>
        </DialogHeader>
        {open && <RevokeForm customerId={customerId} inviteId={inviteId} onCancel={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  );
}
