"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast-store";
import type { ActionState } from "@/lib/auth/action";
import { startRolloutAction } from "../actions";

/** "Roll out to N customers", confirmed; the page then follows the rollout. */
export function StartRolloutDialog({ total, version, concurrency }: { total: number; version: number; concurrency: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (previous: ActionState<string>, form: FormData) => {
    const next = await startRolloutAction(previous, form);
    if (next.status === "success") {
      toast({ title: next.message ?? "Rollout started.", tone: "success" });
      setOpen(false);
      router.refresh();
    }
    return next;
  }, { status: "idle" } as ActionState<string>);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Roll out to {total} customer{total === 1 ? "" : "s"}</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Roll out blueprint version {version}?</DialogTitle>
          <DialogDescription>
            Gatehouse provisions each of the {total} customer(s) to the blueprint, {concurrency} at a time, in the background. A
            customer that fails is listed and the others go on. You can pause and resume at any time.
          </DialogDescription>
        </DialogHeader>
        <form action={formAction} className="grid gap-4">
          {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Start rollout
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
