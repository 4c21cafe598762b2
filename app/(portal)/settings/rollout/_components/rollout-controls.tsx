"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/auth/action";
import { cancelRolloutAction, pauseRolloutAction, resumeRolloutAction } from "../actions";

type RolloutAction = typeof pauseRolloutAction;

function ControlForm({ rolloutId, action, label, variant = "outline" }: { rolloutId: string; action: RolloutAction; label: string; variant?: "outline" | "primary" | "danger" }) {
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(async (previous: ActionState<string>, form: FormData) => {
    const next = await action(previous, form);
    await queryClient.invalidateQueries({ queryKey: ["rollout", rolloutId] });
    return next;
  }, { status: "idle" } as ActionState<string>);
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="rolloutId" value={rolloutId} />
      <Button type="submit" variant={variant} pending={pending}>
        {label}
      </Button>
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
    </form>
  );
}

/** Pause while it runs, Resume while paused, Cancel while it is not over. */
export function RolloutControls({ rolloutId, status }: { rolloutId: string; status: string }) {
  if (!["queued", "running", "paused"].includes(status)) return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {status === "paused" ? (
        <ControlForm rolloutId={rolloutId} action={resumeRolloutAction} label="Resume" variant="primary" />
      ) : (
        <ControlForm rolloutId={rolloutId} action={pauseRolloutAction} label="Pause" />
      )}
      <ControlForm rolloutId={rolloutId} action={cancelRolloutAction} label="Cancel rollout" variant="danger" />
    </div>
  );
}
