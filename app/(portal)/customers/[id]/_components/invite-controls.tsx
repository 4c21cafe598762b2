"use client";

import { useActionState } from "react";
import { IssuedLink } from "@/components/customers/issued-link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/auth/action";
import { issueInviteAction, revokeInviteAction, type IssuedLink as IssuedLinkData } from "../../actions";

export function IssueLinkForm({ customerId, hasActive }: { customerId: string; hasActive: boolean }) {
  const [state, formAction, pending] = useActionState(issueInviteAction, { status: "idle" } as ActionState<IssuedLinkData>);
  return (
    <div className="grid gap-3">
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
      {state.status === "success" && <IssuedLink link={state.data.link} expiresAt={state.data.expiresAt} />}
      <form action={formAction}>
        <input type="hidden" name="customerId" value={customerId} />
        <Button type="submit" variant={hasActive ? "outline" : "primary"} pending={pending}>
          {hasActive ? "Replace with a new link" : "Create consent link"}
        </Button>
      </form>
    </div>
  );
}

export function RevokeLinkForm({ customerId, inviteId }: { customerId: string; inviteId: string }) {
  const [state, formAction, pending] = useActionState(revokeInviteAction, { status: "idle" } as ActionState<{ inviteId: string }>);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      <Button type="submit" variant="ghost" size="sm" pending={pending}>
        Revoke
      </Button>
      {state.status === "error" && <span className="text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
